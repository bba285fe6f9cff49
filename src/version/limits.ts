// Limits no real version comes near. Every scheme refuses a version beyond them before reading it,
// so that a hostile 40 KB "version" (or tag name) costs no more than its length to refuse, and every
// number a version is read as is held exactly (JavaScript numbers are exact below 2^53).
export const MAX_VERSION_LENGTH = 256;
export const MAX_NUMBER_DIGITS = 15;

export const tooLong = (version: string): boolean => version.length > MAX_VERSION_LENGTH;

/** A number of more than MAX_NUMBER_DIGITS digits where a version is read as numbers (not in a local part or build metadata). */
export function hugeNumber(version: string): string | undefined {
  const plus = version.indexOf('+');
  return /\d{16,}/.exec(plus === -1 ? version : version.slice(0, plus))?.[0];
}

/** Whether a version is beyond the limits: no scheme reads it. */
export const beyondLimits = (version: string): boolean => tooLong(version) || hugeNumber(version) !== undefined;
