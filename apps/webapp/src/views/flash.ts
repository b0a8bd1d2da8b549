/** Messages shown on the page for the error codes a form post can end with (codes travel in ?error=). */
const FLASH_MESSAGES: Readonly<Record<string, string>> = {
  NO_FILE: 'Choose at least one file to upload.',
  FILE_TOO_LARGE: 'A file is larger than the upload limit; nothing was stored.',
  TOO_MANY_FILES: 'Too many files at once; nothing was stored. Upload fewer files per batch.',
  INVALID_FILE_NAME: 'A file name was empty once unsafe characters were removed; rename it and retry.',
  CSRF_TOKEN_INVALID: 'The form had expired; reload the page and try again.',
  FILE_NOT_FOUND: 'That file no longer exists.',
  STORAGE_UNAVAILABLE: 'File storage is unavailable right now; nothing was stored. Try again shortly.',
  CATALOG_UNAVAILABLE: 'The file catalog is unavailable right now; try again shortly.',
  RATE_LIMITED: 'Too many uploads in a short time; nothing was stored. Wait a minute and try again.',
  QUOTA_EXCEEDED: 'This upload would pass your daily upload quota; nothing was stored. Try again tomorrow (UTC).',
};

/** The flash shown for `?error=CODE`; only known-shaped codes are echoed, never free text from the URL. */
export function flashFor(code: unknown): { code: string; message: string } | undefined {
  if (typeof code !== 'string' || !/^[A-Z_]{1,40}$/.test(code)) return undefined;
  return { code, message: FLASH_MESSAGES[code] ?? 'The request failed; please try again.' };
}
