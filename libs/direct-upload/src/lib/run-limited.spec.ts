import { runLimited } from './run-limited';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runLimited', () => {
  it('returns the results in the order of the jobs', async () => {
    const jobs = [3, 1, 2].map((n) => async () => {
      for (let i = 0; i < n; i++) await tick();
      return n;
    });
    expect(await runLimited(jobs, 3)).toEqual([3, 1, 2]);
  });

  it('never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const job = async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
    };
    await runLimited(
      Array.from({ length: 7 }, () => job),
      2,
    );
    expect(peak).toBe(2);
  });

  it('resolves with no results for no jobs', async () => {
    expect(await runLimited([], 3)).toEqual([]);
  });
});
