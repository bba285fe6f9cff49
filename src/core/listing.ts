// A directory's listing, asked for through the same read as a file: its key is no path (a NUL never
// occurs in one), and its text names the regular files under the directory, one a line.
const PREFIX = '\0list:';

export const listingKey = (dir: string) => `${PREFIX}${dir}`;
export const listedDir = (key: string): string | undefined => (key.startsWith(PREFIX) ? key.slice(PREFIX.length) : undefined);

/** The files a listing's text names; undefined when it was not listed (yet). */
export const listedFiles = (text: string | undefined): string[] | undefined => (text === undefined ? undefined : text.split('\n').filter(Boolean));
