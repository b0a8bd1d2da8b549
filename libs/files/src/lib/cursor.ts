import { InvalidInputError } from './errors';
import { isFileId } from './file-id';

/** Default and maximum page sizes for listings. */
export const PAGE_LIMITS = { default: 50, max: 1000 } as const;

const invalidCursor = () => new InvalidInputError('INVALID_CURSOR', 'The cursor is not one this service issued; start again from the first page.');

/** Opaque page cursor: base64url of {"v":1,"before":"<last id>"}. Opaque so the format can change. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ v: 1, before: lastId }), 'utf8').toString('base64url');
}

/** Decodes a cursor from a query string; anything but an exact cursor this service issued is INVALID_CURSOR. */
export function decodeCursor(raw: unknown): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || raw.length > 128 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  // Re-encoding must give back the same text: rejects padding tricks and extra or reordered keys.
  if (typeof parsed !== 'object' || parsed === null) throw invalidCursor();
  const { v, before } = parsed as { v?: unknown; before?: unknown };
  if (v !== 1 || !isFileId(before) || encodeCursor(before) !== raw) throw invalidCursor();
  return before;
}

/** Parses `limit` from a query string: a whole number in 1..1000, default 50, else INVALID_LIMIT. */
export function parseLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return PAGE_LIMITS.default;
  const limit = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= PAGE_LIMITS.max)) {
    throw new InvalidInputError('INVALID_LIMIT', `limit must be a whole number between 1 and ${PAGE_LIMITS.max}.`);
  }
  return limit;
}
