import { FileTooLargeError, InvalidInputError } from '../errors';
import {
  MAX_PARTS,
  MAX_PREFERRED_PART_BYTES,
  MIN_PART_BYTES,
  PREFERRED_PART_COUNT,
  partLength,
  planParts,
} from './part-plan';

const MiB = 1024 * 1024;

describe('planParts', () => {
  it('uses 8 MiB parts for files of up to 16 of them', () => {
    expect(planParts(48 * MiB, 5 * 1024 * MiB)).toEqual({ partSize: MIN_PART_BYTES, partCount: 6 });
    expect(planParts(128 * MiB, 5 * 1024 * MiB)).toEqual({ partSize: MIN_PART_BYTES, partCount: PREFERRED_PART_COUNT });
  });

  it('grows the parts in whole MiB to keep a larger file at 16 parts', () => {
    expect(planParts(1024 * MiB, 5 * 1024 * MiB)).toEqual({ partSize: 64 * MiB, partCount: 16 });
    // 200 MiB / 16 is 12.5 MiB, rounded up to 13 MiB: 16 parts, the last one shorter
    expect(planParts(200 * MiB, 5 * 1024 * MiB)).toEqual({ partSize: 13 * MiB, partCount: 16 });
  });

  it('stops at 64 MiB parts, so a 5 GiB file has 80 of them', () => {
    expect(planParts(5 * 1024 * MiB, 5 * 1024 * MiB)).toEqual({ partSize: MAX_PREFERRED_PART_BYTES, partCount: 80 });
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

  it.each([-1, 0, 1.5, Number.MAX_SAFE_INTEGER + 2])('rejects the declared size %p with INVALID_SIZE', (size) => {
    expect(() => planParts(size, 10)).toThrow(InvalidInputError);
  });

  it('rejects a size over the limit with FILE_TOO_LARGE', () => {
    expect(() => planParts(11, 10)).toThrow(FileTooLargeError);
  });

  it('gives the last part what remains', () => {
    expect(partLength({ size: 20 * MiB, partSize: 8 * MiB, partCount: 3 }, 3)).toBe(4 * MiB);
  });
});
