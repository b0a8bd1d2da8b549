import { S3Error } from './s3-error';

/** An inclusive byte range of an object. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The range a `Range` header asks of an object of `size` bytes, as S3 reads it: `bytes=a-b` (clamped to the end),
 * `bytes=a-`, `bytes=-n` (the last n bytes). A header S3 does not understand (several ranges, bad syntax) is
 * ignored: undefined, the whole object. A range that starts past the end is 416 InvalidRange.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const unsatisfiable = () =>
    new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable', {
      RangeRequested: header,
      ActualObjectSize: size,
    });
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  if (match[2] !== '' && Number(match[2]) < start) return undefined;
  if (start >= size) throw unsatisfiable();
  return { start, end: match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1) };
}
