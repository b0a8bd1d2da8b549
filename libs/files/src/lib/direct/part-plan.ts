import { FileTooLargeError, InvalidInputError } from '../errors';

const MiB = 1024 * 1024;
/** S3's smallest part (except the last) is 5 MiB; we use at least 8 MiB so a part's request overhead stays small. */
export const MIN_PART_BYTES = 8 * MiB;
/** S3's most parts per multipart upload. */
export const MAX_PARTS = 10_000;

/** How a declared size is cut into parts. */
export interface PartPlan {
  readonly partSize: number;
  readonly partCount: number;
}

/**
 * Checks a declared size against the limit and picks the part size: MIN_PART_BYTES, or larger (whole MiB) when
 * the file would need more than MAX_PARTS parts.
 */
export function planParts(size: unknown, maxBytes: number): PartPlan {
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) {
    throw new InvalidInputError('INVALID_SIZE', `size must be a whole number of bytes, at least 1, got ${JSON.stringify(size)}`);
  }
  if (size > maxBytes) throw new FileTooLargeError(maxBytes);
  const partSize = Math.max(MIN_PART_BYTES, Math.ceil(size / MAX_PARTS / MiB) * MiB);
  return { partSize, partCount: Math.max(1, Math.ceil(size / partSize)) };
}

/** The byte length of part `partNumber` (1-based) of a plan. */
export function partLength(plan: PartPlan & { readonly size: number }, partNumber: number): number {
  return partNumber < plan.partCount ? plan.partSize : plan.size - plan.partSize * (plan.partCount - 1);
}
