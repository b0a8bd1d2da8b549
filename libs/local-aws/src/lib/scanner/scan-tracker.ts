import type { ScanVerdict } from './scan-event';

/**
 * How one scan ended: its verdict; GONE when the object was replaced or deleted before it was read; FAILED when
 * the scanner itself failed (reported to onError; no tag, no event).
 */
export type ScanOutcome = ScanVerdict | 'GONE' | 'FAILED';

/** Which scans are running and how the last one of each key ended, so tests can wait on a scan, not on time. */
export class ScanTracker {
  private readonly running = new Map<string, number>();
  private readonly last = new Map<string, ScanOutcome>();
  private readonly waiters = new Map<string, ((outcome: ScanOutcome) => void)[]>();

  /** A scan of the key has begun. */
  started(key: string): void {
    this.running.set(key, (this.running.get(key) ?? 0) + 1);
  }

  /** A scan of the key has ended; waiters of the key get its outcome once no other scan of it runs. */
  finished(key: string, outcome: ScanOutcome): void {
    const left = (this.running.get(key) ?? 1) - 1;
    if (left > 0) this.running.set(key, left);
    else this.running.delete(key);
    this.last.set(key, outcome);
    if (left > 0) return;
    for (const resolve of this.waiters.get(key) ?? []) resolve(outcome);
    this.waiters.delete(key);
  }

  /** The outcome of the key's latest scan once none runs; waits for the first scan of a key never scanned. */
  settled(key: string): Promise<ScanOutcome> {
    const last = this.last.get(key);
    if (last !== undefined && !this.running.has(key)) return Promise.resolve(last);
    return new Promise((resolve) => this.waiters.set(key, [...(this.waiters.get(key) ?? []), resolve]));
  }
}
