import { InvalidInputError } from './errors';

/** Longest stored name, in UTF-16 code units; longer names are cut (keeping the extension when short). */
export const MAX_FILE_NAME_LENGTH = 255;

// C0/C1 controls, DEL, and bidi overrides/isolates that can disguise an extension (e.g. "exe.txt" shown reversed).
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const PATH_SEPARATORS = /[/\\]/g;

/**
 * Normalizes a client-supplied file name for storage and display: NFC, no control or bidi-override
 * characters, no path separators, trimmed, capped. Throws INVALID_FILE_NAME when nothing is left.
 * Over HTTP the multipart parser has already kept only the last path segment ("../../etc/passwd" arrives as
 * "passwd"); a separator that still reaches this function is removed ("a/b" becomes "ab").
 */
export function normalizeFileName(raw: string): string {
  const cleaned = raw.normalize('NFC').replace(UNSAFE_CHARS, '').replace(PATH_SEPARATORS, '').trim();
  // "." and ".." mean directories to every tool that later sees the name.
  if (cleaned === '' || cleaned === '.' || cleaned === '..') {
    throw new InvalidInputError(
      'INVALID_FILE_NAME',
      'The file name is empty once unsafe characters are removed; rename the file and retry.',
    );
  }
  return capLength(cleaned);
}

function capLength(name: string): string {
  if (name.length <= MAX_FILE_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  // Array.from splits by code point so a surrogate pair is never cut in half.
  const stem = Array.from(name.slice(0, name.length - extension.length));
  let result = '';
  for (const char of stem) {
    if (result.length + char.length + extension.length > MAX_FILE_NAME_LENGTH) break;
    result += char;
  }
  return result + extension;
}

/** A safe Content-Type to store: the lowercased `type/subtype` essence, or application/octet-stream. */
export function normalizeContentType(raw: string | undefined): string {
  const essence = (raw ?? '').split(';')[0].trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/.test(essence)
    ? essence
    : 'application/octet-stream';
}
