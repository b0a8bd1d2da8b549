import type { UsageCounters } from '@ha-uploads/files';
import type { CountersUnderTest } from './port-bindings';

/** A window end far in the future, so no store forgets these counters during the run. */
const EXPIRES = 4_102_444_800;

/** The UsageCounters port's behaviour, run against the in-memory fake and the DynamoDB adapter alike. */
export function describeUsageCountersContract(name: string, start: () => Promise<CountersUnderTest>): void {
  describe(`UsageCounters contract: ${name}`, () => {
    let underTest: CountersUnderTest | undefined;
    const counters = (): readonly [UsageCounters, UsageCounters] => {
      if (!underTest) throw new Error('the counters under test did not start');
      return underTest.instances;
    };
    const add = (key: string, amount: number, instance = 0) =>
      counters()[instance].add([{ key, amount, expiresAtSeconds: EXPIRES }]);

    beforeAll(async () => {
      underTest = await start();
    });

    afterAll(async () => {
      await underTest?.stop();
    });

    it('answers each counter’s new total, in order', async () => {
      await add('order-b', 2);
      const totals = await counters()[0].add([
        { key: 'order-a', amount: 3, expiresAtSeconds: EXPIRES },
        { key: 'order-b', amount: 1, expiresAtSeconds: EXPIRES },
      ]);
      expect(totals).toEqual([3, 3]);
    });

    it('reads a total without changing it with a zero amount', async () => {
      await add('read-only', 4);
      expect([await add('read-only', 0), await add('read-only', 0)]).toEqual([[4], [4]]);
    });

    it('starts an unknown counter from zero', async () => {
      expect(await add('never-seen', 0)).toEqual([0]);
    });

    it('gives back an amount with a negative increment', async () => {
      await add('refund', 600);
      expect(await add('refund', -600)).toEqual([0]);
    });

    it('shares one total between two instances', async () => {
      await add('shared', 1, 0);
      expect(await add('shared', 1, 1)).toEqual([2]);
    });

    it('loses no increment when two instances add to one counter at once', async () => {
      const totals = await Promise.all(Array.from({ length: 20 }, (_, i) => add('concurrent', 1, i % 2)));
      expect(totals.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });
  });
}
