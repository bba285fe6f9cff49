// Temporary directories for throwaway environments: each is removed when the plan ends, however
// it ends (success, failure, Ctrl-C: runPlan catches the signal and calls removeAll).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Scratch {
  /** A new empty directory under the system's temporary directory. */
  make(purpose: string): string;
  removeAll(): void;
}

export function scratchDirs(): Scratch {
  const made: string[] = [];
  return {
    make(purpose) {
      const dir = mkdtempSync(path.join(os.tmpdir(), `heimdall-version-${purpose}-`));
      made.push(dir);
      return dir;
    },
    removeAll() {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
