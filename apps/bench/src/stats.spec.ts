import { MiB, formatSize, mibPerSecond, percentile, summarize } from './stats';

describe('percentile', () => {
  it('takes the nearest rank, so p50 of 1..10 is 5', () => {
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 50)).toBe(5);
  });

  it('gives the largest sample as p99 of fewer than 100 samples', () => {
    expect(percentile([3, 1, 2], 99)).toBe(3);
  });

  it('gives the 99th of 100 samples as p99', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 99)).toBe(99);
  });

  it('gives the smallest sample as p0', () => {
    expect(percentile([4, 2, 8], 0)).toBe(2);
  });

  it('is NaN without samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it('rejects a percentile above 100 and shows it', () => {
    expect(() => percentile([1], 101)).toThrow('percentile must be between 0 and 100, got 101');
  });

  it('leaves the samples in their order', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('summarize', () => {
  it('reports count, min, p50, p99, max and mean', () => {
    expect(summarize([1, 2, 3, 4])).toEqual({ count: 4, min: 1, p50: 2, p99: 4, max: 4, mean: 2.5 });
  });
});

describe('mibPerSecond', () => {
  it('turns 64 MiB in 500 ms into 128 MiB/s', () => {
    expect(mibPerSecond(64 * MiB, 500)).toBe(128);
  });
});

describe('formatSize', () => {
  it.each([
    [1024 * MiB, '1 GiB'],
    [64 * MiB, '64 MiB'],
    [512 * 1024, '512 KiB'],
  ])('writes %d bytes as %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
