import type { CounterIncrement, UsageCounters } from './usage-counters';

interface Waiter {
  readonly increment: CounterIncrement;
  resolve(total: number): void;
  reject(err: unknown): void;
}

interface KeyState {
  inFlight: boolean;
  readonly waiting: Waiter[];
}

/**
 * Joins this process's concurrent increments of one counter into one write: an increment goes out at once, unless a
 * write of the same counter is in flight, in which case it waits and goes with the others that arrived meanwhile.
 * A burst on one hot counter (one IP) then costs the store one write per round trip instead of one per request;
 * stores serialize writes to one item, so a queue of them would otherwise time out.
 */
export class CoalescingUsageCounters implements UsageCounters {
  private readonly keys = new Map<string, KeyState>();

  constructor(private readonly store: UsageCounters) {}

  add(increments: readonly CounterIncrement[]): Promise<number[]> {
    return Promise.all(increments.map((increment) => this.addOne(increment)));
  }

  private addOne(increment: CounterIncrement): Promise<number> {
    return new Promise((resolve, reject) => {
      let state = this.keys.get(increment.key);
      if (!state) {
        state = { inFlight: false, waiting: [] };
        this.keys.set(increment.key, state);
      }
      state.waiting.push({ increment, resolve, reject });
      if (!state.inFlight) this.flush(increment.key, state);
    });
  }

  private flush(key: string, state: KeyState): void {
    const batch = state.waiting.splice(0);
    if (batch.length === 0) {
      this.keys.delete(key);
      return;
    }
    state.inFlight = true;
    const amount = batch.reduce((sum, w) => sum + w.increment.amount, 0);
    const expiresAtSeconds = Math.max(...batch.map((w) => w.increment.expiresAtSeconds));
    this.store
      .add([{ key, amount, expiresAtSeconds }])
      .then(
        ([total]) => {
          // As if applied one after another: each sees the total up to and including its own amount.
          let running = total - amount;
          for (const w of batch) {
            running += w.increment.amount;
            w.resolve(running);
          }
        },
        (err: unknown) => batch.forEach((w) => w.reject(err)),
      )
      .finally(() => {
        state.inFlight = false;
        this.flush(key, state);
      });
  }
}
