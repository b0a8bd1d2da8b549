/** One request the listing bench times, once a round: resolves once its whole answer is read; throws on a wrong one. */
export type Probe = () => Promise<void>;

/**
 * Runs every probe once a round, in order, for `warmup + rounds` rounds, and returns each probe's durations (ms) of
 * the last `rounds`: a shared machine's changing load falls on every probe alike.
 */
export async function measureInRounds(
  probes: readonly Probe[],
  rounds: number,
  warmup: number,
  now: () => number = () => performance.now(),
): Promise<number[][]> {
  const samples = probes.map((): number[] => []);
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [i, probe] of probes.entries()) {
      const started = now();
      await probe();
      if (round >= warmup) samples[i].push(now() - started);
    }
  }
  return samples;
}
