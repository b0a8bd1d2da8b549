import { FileTooLargeError, InvalidInputError } from '../errors';
import { MAX_PARTS, MIN_PART_BYTES, partLength, planParts } from './part-plan';

const MiB = 1024 * 1024;

describe('planParts', () => {
  it('uses 8 MiB parts for files that fit in 10,000 of them', () => {
    expect(planParts(48 * MiB, 5 * 1024 * MiB)).toEqual({ partSize: MIN_PART_BYTES, partCount: 6 });
  });

  it('grows the part size in whole MiB so no file needs more than 10,000 parts', () => {
    // GIVEN 5 TiB, S3's largest object / WHEN planned / THEN at most MAX_PARTS parts of whole MiB
    const plan = planParts(5 * 1024 * 1024 * MiB, 5 * 1024 * 1024 * MiB);
    expect(plan.partCount).toBeLessThanOrEqual(MAX_PARTS);
    expect(plan.partSize % MiB).toBe(0);
  });

  it('gives a one-byte file one part', () => {
    expect(planParts(1, 10)).toEqual({ partSize: MIN_PART_BYTES, partCount: 1 });
  });

  it.each([-1, 0, 1.5, '10', null])('rejects the declared size %p with INVALID_SIZE', (size) => {
    expect(() => planParts(size, 10)).toThrow(InvalidInputError);
  });

  it('rejects a size over the limit with FILE_TOO_LARGE', () => {
    expect(() => planParts(11, 10)).toThrow(FileTooLargeError);
  });

  it('gives the last part what remains', () => {
    expect(partLength({ size: 20 * MiB, partSize: 8 * MiB, partCount: 3 }, 3)).toBe(4 * MiB);
  });
});
