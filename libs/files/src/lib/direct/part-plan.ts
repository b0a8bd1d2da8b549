import { FileTooLargeError, InvalidInputError } from '../errors';

const MiB = 1024 * 1024;
/** S3's smallest part (except the last) is 5 MiB; we use at least 8 MiB so a part's request overhead stays small. */
export const MIN_PART_BYTES = 8 * MiB;
/**
 * The largest part chosen for its own sake: a lost or retried part costs at most this much again, and a reload
 * loses at most the parts in flight. Only a file that would need more than MAX_PARTS parts gets larger ones.
 */
export const MAX_PREFERRED_PART_BYTES = 64 * MiB;
/**
 * The part count aimed at between those bounds: each part is one presigned URL and one entry in the session, so a
 * large file stays a few calls to the web tier, while 16 parts still spread over the 4 a client sends at once.
 */
export const PREFERRED_PART_COUNT = 16;
/** S3's most parts per multipart upload. */
export const MAX_PARTS = 10_000;

/** How a declared size is cut into parts. */
export interface PartPlan {
  readonly partSize: number;
  readonly partCount: number;
}

/**
 * Checks a declared size against the limit and picks the part size, in whole MiB: the size over
 * PREFERRED_PART_COUNT, kept between MIN_PART_BYTES and MAX_PREFERRED_PART_BYTES, and never so small that the file
 * needs more than MAX_PARTS parts. 48 MiB gets 6 parts of 8 MiB, 1 GiB 16 of 64 MiB, 5 GiB 80 of 64 MiB.
 */
export function planParts(size: number, maxBytes: number): PartPlan {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new InvalidInputError(
      'INVALID_SIZE',
      `size must be a whole number of bytes, at least 1, got ${JSON.stringify(size)}`,
    );
  }
  if (size > maxBytes) throw new FileTooLargeError(maxBytes);
  const preferred = Math.min(MAX_PREFERRED_PART_BYTES, Math.max(MIN_PART_BYTES, wholeMiB(size / PREFERRED_PART_COUNT)));
  const partSize = Math.max(preferred, wholeMiB(size / MAX_PARTS));
  return { partSize, partCount: Math.max(1, Math.ceil(size / partSize)) };
}

/** The byte length of part `partNumber` (1-based) of a plan. */
export function partLength(plan: PartPlan & { readonly size: number }, partNumber: number): number {
  return partNumber < plan.partCount ? plan.partSize : plan.size - plan.partSize * (plan.partCount - 1);
}

function wholeMiB(bytes: number): number {
  return Math.ceil(bytes / MiB) * MiB;
}
