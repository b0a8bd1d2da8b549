import { decodeTime, encodeTime, monotonicFactory } from 'ulid';

// Crockford base32 ULID: 26 chars, the first char at most 7 (48-bit time).
const FILE_ID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

// Monotonic: ids made in the same millisecond by this process still sort in creation order.
const ulid = monotonicFactory();

/** A new time-sortable file id (ULID), so newer files sort after older ones. */
export function newFileId(): string {
  return ulid();
}

/** Whether `value` is shaped like a file id; lets the service reject junk without a backend call. */
export function isFileId(value: unknown): value is string {
  return typeof value === 'string' && FILE_ID.test(value);
}

/** Where the bodies of files live in the bucket. */
export const FILES_PREFIX = 'files/';

/** The server-generated S3 key for a file id; never derived from the client's file name. */
export function objectKeyFor(id: string): string {
  return `${FILES_PREFIX}${id}`;
}

/** The smallest object key a file created at `time` or later can have: keys sort by their ULID's time prefix. */
export function firstObjectKeyAt(time: Date): string {
  return objectKeyFor(encodeTime(Math.max(0, time.getTime())));
}

/** When the file with this (well-formed) id was created. */
export function fileIdTime(id: string): Date {
  return new Date(decodeTime(id));
}

/** The file id an object key belongs to, or undefined for keys this app did not create. */
export function fileIdFromObjectKey(key: string): string | undefined {
  const id = key.startsWith(FILES_PREFIX) ? key.slice(FILES_PREFIX.length) : undefined;
  return isFileId(id) ? id : undefined;
}
