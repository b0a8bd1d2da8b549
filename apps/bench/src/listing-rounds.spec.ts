import { measureInRounds, type Probe } from './listing-rounds';

// A clock each probe moves forward by its own fixed cost, and a log of the order the probes ran in.
function fakeProbes(costs: Record<string, number>) {
  let clock = 0;
  const calls: string[] = [];
  const probes: Probe[] = Object.entries(costs).map(([label, cost]) => async () => {
    calls.push(label);
    clock += cost;
  });
  return { probes, calls, now: () => clock };
}

describe('measureInRounds', () => {
  it('runs the probes in turn, round after round', async () => {
    const { probes, calls, now } = fakeProbes({ small: 1, large: 2, hidden: 3 });
    await measureInRounds(probes, 2, 1, now);
    expect(calls).toEqual(['small', 'large', 'hidden', 'small', 'large', 'hidden', 'small', 'large', 'hidden']);
  });

  it('keeps each probe its own durations of the rounds after the warm-up', async () => {
    const { probes, now } = fakeProbes({ small: 1, large: 2 });
    expect(await measureInRounds(probes, 3, 2, now)).toEqual([
      [1, 1, 1],
      [2, 2, 2],
    ]);
  });

  it('stops at the first probe that fails', async () => {
    const { probes, calls, now } = fakeProbes({ small: 1, large: 2 });
    const failing: Probe = () => Promise.reject(new Error('GET / answered 500'));
    await expect(measureInRounds([probes[0], failing, probes[1]], 1, 0, now)).rejects.toThrow('answered 500');
    expect(calls).toEqual(['small']);
  });
});
