/** heimdall-version's own version: printed by --version, kept equal to package.json by its own check. */
export const VERSION = '0.1.0';
