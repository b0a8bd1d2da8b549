import type { DrainedMessage } from '@ha-uploads/files';

/** Keeps the scan results an instance handled, so a test waits on a file's result, not on time. */
export class ScanResultRecorder {
  /** Every result handled so far, in order. */
  readonly handled: DrainedMessage[] = [];
  private waiters: { matches: (message: DrainedMessage) => boolean; resolve: (message: DrainedMessage) => void }[] = [];

  /** Give this to the instance (AppInstanceOptions.onScanResult). */
  readonly onScanResult = (message: DrainedMessage): void => {
    this.handled.push(message);
    const woken = this.waiters.filter((waiter) => waiter.matches(message));
    this.waiters = this.waiters.filter((waiter) => !woken.includes(waiter));
    for (const waiter of woken) waiter.resolve(message);
  };

  /** Resolves with the next result handled that `matches` (from now on). */
  next(matches: (message: DrainedMessage) => boolean = () => true): Promise<DrainedMessage> {
    return new Promise((resolve) => this.waiters.push({ matches, resolve }));
  }

  /** Resolves with the next result handled for the file `id`. */
  nextFor(id: string): Promise<DrainedMessage> {
    return this.next((message) => 'id' in message && message.id === id);
  }
}
