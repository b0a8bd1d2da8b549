import { BackendUnavailableError } from '../lib/errors';
import type { CounterIncrement, UsageCounters } from '../lib/limits/usage-counters';

/** UsageCounters in a Map, for unit tests. `down = true` makes every call fail like an unreachable DynamoDB. */
export class InMemoryUsageCounters implements UsageCounters {
  readonly totals = new Map<string, number>();
  /** Every batch add() received, in order. */
  readonly calls: CounterIncrement[][] = [];
  down = false;

  async add(increments: readonly CounterIncrement[]): Promise<number[]> {
    this.calls.push([...increments]);
    if (this.down) throw new BackendUnavailableError('DynamoDB');
    return increments.map(({ key, amount }) => {
      const total = (this.totals.get(key) ?? 0) + amount;
      this.totals.set(key, total);
      return total;
    });
  }
}
