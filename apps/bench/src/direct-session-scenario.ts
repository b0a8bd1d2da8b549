import type { BenchContext } from './bench-context';
import { timeBaselineUpload } from './direct-upload';
import { timedRequest } from './http-upload';
import { startPartHasher, type PartHasher } from './part-hasher';
import { cpuSeconds } from './process-cpu';
import type { ReportRow, ScenarioResult } from './report';
import { fmt } from './report';
import { startRssSampler } from './rss-sampler';
import { SESSION_CALLS, measureSessionCallCosts } from './session-call-costs';
import { uploadThroughSession, type SessionUploadResult } from './session-upload';
import { MiB, formatSize, mibPerSecond, percentile } from './stats';

const RATIO_TARGET = 0.95;
const CPU_TARGET_SECONDS_PER_GIB = 0.05;
/** Three 8 MiB parts: every call of a session, once. */
const WARM_UP_BYTES = 20 * MiB;
/**
 * s3rver's speed swings by a third from one upload to the next and drifts with the machine's load, so each side runs
 * this often, taking turns, and the ratio is the median of each round's own ratio (a paired comparison).
 */
const ROUNDS = 5;
/** One-part sessions whose calls are measured one by one, after the rounds (the webapp is warm by then). */
const CALL_COST_SESSIONS = 30;

/** One session upload with the webapp's CPU and peak RSS while it ran. */
interface MeasuredSession extends SessionUploadResult {
  readonly cpuSeconds?: number;
  readonly peakRssBytes: number;
}

/**
 * Item 9: the largest upload size through the upload-session API (parts PUT straight to S3 with presigned URLs)
 * against the same lib-storage baseline, taking turns, with the webapp's CPU seconds and peak RSS while it only signs,
 * records and completes.
 */
export async function runDirectSessionScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const size = Math.max(...ctx.plan.uploads.map((u) => u.size));
  const hasher = startPartHasher();
  try {
    return await measureRounds(ctx, size, hasher);
  } finally {
    await hasher.close();
  }
}

async function measureRounds(ctx: BenchContext, size: number, hasher: PartHasher): Promise<ScenarioResult> {
  // A small session first, unmeasured: a fleet's instances have run these calls before, so their code is compiled.
  const warmUp = await uploadThroughSession({
    baseUrl: ctx.webapp.baseUrl,
    size: WARM_UP_BYTES,
    seed: 8,
    fileName: 'bench-session-warm-up.bin',
    hasher,
  });
  await timedRequest(`${ctx.webapp.baseUrl}/api/files/${warmUp.fileId}`, { method: 'DELETE' });

  const sessions: MeasuredSession[] = [];
  const directMs: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    sessions.push(await measuredSession(ctx, size, round, hasher));
    directMs.push(await timeBaselineUpload(ctx, `bench-direct/session-baseline-${size}`, size, 9));
    const last = sessions[sessions.length - 1];
    console.log(
      `  round ${round}: session ${mibPerSecond(size, last.durationMs).toFixed(1)} MiB/s, lib-storage ${mibPerSecond(size, directMs[directMs.length - 1]).toFixed(1)} MiB/s, ` +
        `webapp CPU ${last.cpuSeconds?.toFixed(3) ?? '?'} s, calls: ${Object.entries(last.apiCalls)
          .map(([route, count]) => `${count} ${route}`)
          .join(', ')}`,
    );
  }

  const sessionMiBs = mibPerSecond(
    size,
    percentile(
      sessions.map((s) => s.durationMs),
      50,
    ),
  );
  const directMiBs = mibPerSecond(size, percentile(directMs, 50));
  const roundRatios = sessions.map((s, i) => directMs[i] / s.durationMs);
  const ratio = percentile(roundRatios, 50);
  const cpus = sessions.map((s) => s.cpuSeconds).filter((c): c is number => c !== undefined);
  const cpuPerGiB = cpus.length === 0 ? undefined : percentile(cpus, 50) / (size / (1024 * MiB));
  const calls = percentile(
    sessions.map((s) => totalCalls(s)),
    50,
  );
  const peakRss = Math.max(...sessions.map((s) => s.peakRssBytes));
  const callCosts = await measureSessionCallCosts(ctx.webapp.baseUrl, ctx.webapp.pid, CALL_COST_SESSIONS);
  const label = formatSize(size);
  const rows: ReportRow[] = [
    {
      item: '9 direct',
      metric: `${label} session API / lib-storage direct (median of ${ROUNDS})`,
      value: `${sessionMiBs.toFixed(1)} / ${directMiBs.toFixed(1)} MiB/s`,
    },
    {
      item: '9 direct',
      metric: `${label} ratio (median of the rounds' ratios)`,
      value: `${ratio.toFixed(2)} (${roundRatios.map((r) => r.toFixed(2)).join(', ')})`,
      target: `>= ${RATIO_TARGET}`,
      met: ratio >= RATIO_TARGET,
    },
    {
      item: '9 direct',
      metric: 'webapp CPU seconds per GiB (median)',
      value: cpuPerGiB === undefined ? 'n/a (no /proc)' : cpuPerGiB.toFixed(3),
      target: `<= ${CPU_TARGET_SECONDS_PER_GIB}`,
      met: cpuPerGiB === undefined ? undefined : cpuPerGiB <= CPU_TARGET_SECONDS_PER_GIB,
    },
    { item: '9 direct', metric: `webapp peak RSS during ${label}`, value: fmt(peakRss / MiB, 'MiB', 0) },
    { item: '9 direct', metric: `webapp calls for ${sessions[0].partCount} parts (median)`, value: String(calls) },
    {
      item: '9 direct',
      metric: `webapp CPU per call, each on its own (median of ${CALL_COST_SESSIONS})`,
      value:
        callCosts === undefined
          ? 'n/a (no /proc)'
          : SESSION_CALLS.map((name) => `${name} ${callCosts[name].toFixed(1)}`).join(', ') + ' ms',
    },
    {
      item: '9 direct',
      metric: `client SHA-256 of the parts (worker thread), per ${label} (median)`,
      value: fmt(
        percentile(
          sessions.map((s) => s.hashMs),
          50,
        ) / 1000,
        's',
        2,
      ),
    },
  ];
  return {
    rows,
    data: {
      size,
      rounds: ROUNDS,
      sessions,
      directMs,
      roundRatios,
      ratio,
      cpuSecondsPerGiB: cpuPerGiB,
      peakRssBytes: peakRss,
      callCostsMs: callCosts,
    },
  };
}

async function measuredSession(
  ctx: BenchContext,
  size: number,
  round: number,
  hasher: PartHasher,
): Promise<MeasuredSession> {
  const cpuBefore = await cpuSeconds(ctx.webapp.pid);
  const sampler = await startRssSampler(ctx.webapp.pid);
  const session = await uploadThroughSession({
    baseUrl: ctx.webapp.baseUrl,
    size,
    seed: 9,
    fileName: `bench-session-${size}-${round}.bin`,
    hasher,
  });
  const rss = await sampler.stop();
  const cpuAfter = await cpuSeconds(ctx.webapp.pid);
  await timedRequest(`${ctx.webapp.baseUrl}/api/files/${session.fileId}`, { method: 'DELETE' });
  return {
    ...session,
    cpuSeconds: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
    peakRssBytes: rss.peakBytes,
  };
}

function totalCalls(session: SessionUploadResult): number {
  return Object.values(session.apiCalls).reduce((sum, count) => sum + count, 0);
}
