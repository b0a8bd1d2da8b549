/**
 * Messages shown on the page for the error codes a form post can end with (codes travel in the one-time flash cookie).
 */
const FLASH_MESSAGES: Readonly<Record<string, string>> = {
  NO_FILE: 'Choose at least one file to upload.',
  FILE_TOO_LARGE: 'A file is larger than the upload limit; nothing was stored.',
  TOO_MANY_FILES: 'Too many files at once; nothing was stored. Upload fewer files per batch.',
  INVALID_FILE_NAME: 'A file name was empty once unsafe characters were removed; rename it and retry.',
  CSRF_TOKEN_INVALID: 'The form had expired; reload the page and try again.',
  FILE_NOT_FOUND: 'That file no longer exists.',
  NOT_OWNER: 'Only the owner of that file, or an admin, can change it; nothing was changed.',
  UNAUTHENTICATED: 'Sign in to upload files.',
  IDENTITY_INVALID: 'Your sign-in could not be verified; sign in again.',
  IDENTITY_EXPIRED: 'Your sign-in has expired; reload the page to sign in again.',
  IDENTITY_MISMATCH: 'Your sign-in data belongs to two different users; sign in again.',
  INVALID_TOKEN: 'The bearer token is not valid.',
  RESTORE_EXPIRED: 'That file was deleted too long ago to restore.',
  STORAGE_UNAVAILABLE: 'File storage is unavailable right now; nothing was stored. Try again shortly.',
  CATALOG_UNAVAILABLE: 'The file catalog is unavailable right now; try again shortly.',
  RATE_LIMITED: 'Too many uploads in a short time; nothing was stored. Wait a minute and try again.',
  OWNER_COOKIE_CONFLICT:
    "Your browser sent two owner cookies for this site, so nothing was stored; clear this site's cookies and retry.",
  QUOTA_EXCEEDED: 'This upload would pass your daily upload quota; nothing was stored. Try again tomorrow (UTC).',
};

/** The message for an error code a form post ended with. */
export function flashMessage(code: string): string {
  return FLASH_MESSAGES[code] ?? 'The request failed; please try again.';
}

/** The flash for a file over the form's limit, naming the file and the limit (`maxSize`, e.g. "100 MiB"). */
export function tooLargeFlash(fileName: string, maxSize: string): { code: string; message: string } {
  return {
    code: 'FILE_TOO_LARGE',
    message: `${fileName} is larger than ${maxSize}, the limit per file of this form; nothing was stored.`,
  };
}

/** The flash shown for an error code; only known-shaped codes are echoed, never free text from the URL. */
export function flashFor(code: unknown): { code: string; message: string } | undefined {
  if (typeof code !== 'string' || !/^[A-Z_]{1,40}$/.test(code)) return undefined;
  return { code, message: flashMessage(code) };
}
