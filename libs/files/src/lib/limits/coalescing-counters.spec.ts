import { BackendUnavailableError } from '../errors';
import { InMemoryUsageCounters } from '../../testing/in-memory-usage-counters';
import { CoalescingUsageCounters } from './coalescing-counters';
import type { CounterIncrement } from './usage-counters';

// A store whose writes finish only when the test releases them, so "in flight" is under the test's control.
class GatedCounters extends InMemoryUsageCounters {
  private readonly gates: (() => void)[] = [];

  override async add(increments: readonly CounterIncrement[]): Promise<number[]> {
    await new Promise<void>((release) => this.gates.push(release));
    return super.add(increments);
  }

  releaseAll(): void {
    this.gates.splice(0).forEach((release) => release());
  }
}

const one = (key: string, amount = 1): CounterIncrement => ({ key, amount, expiresAtSeconds: 1_000 });

async function settled(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('CoalescingUsageCounters', () => {
  it('sends an increment at once when no write of its counter is in flight', async () => {
    // GIVEN
    const store = new InMemoryUsageCounters();
    const counters = new CoalescingUsageCounters(store);
    // WHEN
    const totals = await counters.add([one('a'), one('b')]);
    // THEN
    expect(totals).toEqual([1, 1]);
    expect(store.calls).toEqual([[one('a')], [one('b')]]);
  });

  it('joins the increments that arrive while a write is in flight into one write, each seeing its own total', async () => {
    // GIVEN a first write in flight
    const store = new GatedCounters();
    const counters = new CoalescingUsageCounters(store);
    const first = counters.add([one('hot')]);
    await settled();
    // WHEN three more arrive meanwhile
    const later = [counters.add([one('hot')]), counters.add([one('hot')]), counters.add([one('hot', 5)])];
    store.releaseAll();
    await settled();
    store.releaseAll();
    // THEN
    expect(await first).toEqual([1]);
    expect(await Promise.all(later)).toEqual([[2], [3], [8]]);
    expect(store.calls).toEqual([[one('hot')], [one('hot', 7)]]);
  });

  it('fails every joined increment when their write fails, and writes again afterwards', async () => {
    // GIVEN
    const store = new InMemoryUsageCounters();
    const counters = new CoalescingUsageCounters(store);
    store.down = true;
    // WHEN
    const failed = counters.add([one('k')]);
    // THEN
    await expect(failed).rejects.toBeInstanceOf(BackendUnavailableError);
    store.down = false;
    await expect(counters.add([one('k')])).resolves.toEqual([1]);
  });
});
