/** One mebibyte, the unit every size and throughput in the report uses. */
export const MiB = 1024 * 1024;

/** Latency figures of one series of samples, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** The p-th percentile (0..100) of `samples` by the nearest-rank method; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: the smallest sample with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** count, min, p50, p99, max and mean of `samples`. */
export function summarize(samples: readonly number[]): LatencySummary {
  const count = samples.length;
  return {
    count,
    min: count ? Math.min(...samples) : Number.NaN,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: count ? Math.max(...samples) : Number.NaN,
    mean: count ? samples.reduce((sum, x) => sum + x, 0) / count : Number.NaN,
  };
}

/** Throughput in MiB/s of `bytes` moved in `ms` milliseconds. */
export function mibPerSecond(bytes: number, ms: number): number {
  return bytes / MiB / (ms / 1000);
}

/** A size as "1 MiB", "64 MiB" or "1 GiB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * MiB && bytes % (1024 * MiB) === 0) return `${bytes / (1024 * MiB)} GiB`;
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  return `${+(bytes / 1024).toFixed(1)} KiB`;
}
