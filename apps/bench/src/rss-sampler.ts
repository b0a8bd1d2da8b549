import { readFile, writeFile } from 'node:fs/promises';

/** What an RSS sampler saw between start and stop. */
export interface RssReport {
  /** Highest resident set size seen, in bytes: the larger of the sampled VmRSS and the kernel's VmHWM. */
  readonly peakBytes: number;
  readonly sampledPeakBytes: number;
  /** The kernel's high-water mark since the sampler reset it, when the reset was allowed. */
  readonly highWaterMarkBytes?: number;
  readonly samples: number;
}

/** A running sampler; stop() ends it and reports. */
export interface RssSampler {
  stop(): Promise<RssReport>;
}

/** The value in bytes of a `Name:   1234 kB` line of /proc/<pid>/status, or undefined when absent. */
export function statusFieldBytes(status: string, field: 'VmRSS' | 'VmHWM'): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}

/**
 * Samples VmRSS of `pid` every `intervalMs`. The kernel's peak (VmHWM) is reset first through clear_refs, so a spike
 * shorter than the interval still counts.
 */
export async function startRssSampler(pid: number, intervalMs = 50): Promise<RssSampler> {
  const statusPath = `/proc/${pid}/status`;
  // Writing 5 resets the peak RSS (Linux >= 4.0); a kernel or container that forbids it just leaves sampling.
  const hwmReset = await writeFile(`/proc/${pid}/clear_refs`, '5').then(
    () => true,
    () => false,
  );
  let peak = 0;
  let samples = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const sample = async () => {
    try {
      const rss = statusFieldBytes(await readFile(statusPath, 'utf8'), 'VmRSS');
      if (rss !== undefined) {
        peak = Math.max(peak, rss);
        samples++;
      }
    } catch {
      // The process has exited; the last samples stand.
    }
  };
  await sample();
  const timer = setInterval(() => {
    inFlight = sample();
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      await sample();
      let highWaterMarkBytes: number | undefined;
      if (hwmReset) {
        highWaterMarkBytes = statusFieldBytes(await readFile(statusPath, 'utf8').catch(() => ''), 'VmHWM');
      }
      return {
        peakBytes: Math.max(peak, highWaterMarkBytes ?? 0),
        sampledPeakBytes: peak,
        highWaterMarkBytes,
        samples,
      };
    },
  };
}

/** The current VmRSS of `pid` in bytes (undefined once it has exited). */
export async function currentRss(pid: number): Promise<number | undefined> {
  return statusFieldBytes(await readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''), 'VmRSS');
}
