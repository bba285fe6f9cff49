// Limits no real version comes near. Every scheme refuses a version beyond them before reading it,
// so that a hostile 40 KB "version" (or tag name) costs no more than its length to refuse, and every
// number a version is read as is held exactly (JavaScript numbers are exact below 2^53).
export const MAX_VERSION_LENGTH = 256;
export const MAX_NUMBER_DIGITS = 15;

export const tooLong = (version: string): boolean => version.length > MAX_VERSION_LENGTH;

/** A number of more than MAX_NUMBER_DIGITS digits where a version is read as numbers (not in a local part or build metadata). */
export function hugeNumber(version: string): string | undefined {
  // A loop, not /\d{16,}/: it runs for every tag name, and the expression cost a check with 1,000 tags more than the rest of its tag work.
  const plus = version.indexOf('+');
  const end = plus === -1 ? version.length : plus;
  for (let i = 0, run = 0; i < end; i++) {
    const c = version.charCodeAt(i);
    if (c < 48 || c > 57) run = 0;
    else if (++run > MAX_NUMBER_DIGITS) {
      let last = i + 1;
      while (last < end && version.charCodeAt(last) >= 48 && version.charCodeAt(last) <= 57) last++;
      return version.slice(i - run + 1, last);
    }
  }
  return undefined;
}

/** Whether a version is beyond the limits: no scheme reads it. */
export const beyondLimits = (version: string): boolean => tooLong(version) || hugeNumber(version) !== undefined;
