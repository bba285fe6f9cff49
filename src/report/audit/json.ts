// The audit as one JSON object (the AuditResult of src/core/audit-result.ts); repository strings kept exact but inert.
import type { AuditResult } from '../../core/audit-result.js';
import { inertJson } from '../printable.js';

export const formatAuditJson = (result: AuditResult): string => `${inertJson(JSON.stringify(result, null, 2))}\n`;
