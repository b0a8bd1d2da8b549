import { InvalidInputError } from './errors';
import { isFileId } from './file-id';
import type { TrashPosition } from './ports';

/** Default and maximum page sizes for listings. */
export const PAGE_LIMITS = { default: 50, max: 1000 } as const;

const invalidCursor = () =>
  new InvalidInputError(
    'INVALID_CURSOR',
    'The cursor is not one this service issued; start again from the first page.',
  );

/**
 * The cursor format of the sharded catalog: a cursor of the single-partition layout (v 1) is refused, so a page
 * started before the migration starts again instead of going on from a place of another layout.
 */
const CURSOR_VERSION = 2;

/** Opaque page cursor: base64url of {"v":2,"before":"<last id>"}. Opaque so the format can change. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, before: lastId }), 'utf8').toString('base64url');
}

/** Decodes a cursor from a query string; anything but an exact cursor this service issued is INVALID_CURSOR. */
export function decodeCursor(raw: string | undefined): string | undefined {
  const parsed = parseCursorJson(raw);
  if (parsed === undefined) return undefined;
  const { v, before } = parsed;
  // Re-encoding must give back the same text: rejects padding tricks and extra or reordered keys.
  if (v !== CURSOR_VERSION || !isFileId(before) || encodeCursor(before) !== raw) throw invalidCursor();
  return before;
}

/** Opaque trash page cursor: base64url of {"v":2,"deletedAt":"<ISO time>","before":"<last id>"}. */
export function encodeTrashCursor(last: TrashPosition): string {
  const json = JSON.stringify({ v: CURSOR_VERSION, deletedAt: last.deletedAt, before: last.id });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Decodes a trash cursor from a query string; anything but an exact trash cursor issued here is INVALID_CURSOR. */
export function decodeTrashCursor(raw: string | undefined): TrashPosition | undefined {
  const parsed = parseCursorJson(raw);
  if (parsed === undefined) return undefined;
  const { v, deletedAt, before } = parsed;
  if (v !== CURSOR_VERSION || typeof deletedAt !== 'string' || !ISO_TIME.test(deletedAt) || !isFileId(before)) {
    throw invalidCursor();
  }
  if (encodeTrashCursor({ deletedAt, id: before }) !== raw) throw invalidCursor();
  return { deletedAt, id: before };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// The JSON object inside a cursor, undefined for none (the first page); INVALID_CURSOR for anything else.
function parseCursorJson(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > 160 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidCursor();
  return parsed as Record<string, unknown>;
}

/** Parses `limit` from a query string: a whole number in 1..1000, default 50, else INVALID_LIMIT. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return PAGE_LIMITS.default;
  const limit = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= PAGE_LIMITS.max)) {
    throw new InvalidInputError('INVALID_LIMIT', `limit must be a whole number between 1 and ${PAGE_LIMITS.max}.`);
  }
  return limit;
}
