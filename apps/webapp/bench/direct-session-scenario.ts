import type { BenchContext } from './bench-context';
import { removeDirectObject, uploadDirect } from './direct-upload';
import { cpuSeconds } from './process-cpu';
import { timedRequest } from './http-upload';
import type { ReportRow, ScenarioResult } from './report';
import { fmt } from './report';
import { startRssSampler } from './rss-sampler';
import { MiB, formatSize, mibPerSecond } from './stats';
import { uploadThroughSession } from './session-upload';

const RATIO_TARGET = 0.95;
const CPU_TARGET_SECONDS_PER_GIB = 0.05;

/**
 * Item 9: the largest upload size through the upload-session API (parts PUT straight to S3 with presigned URLs)
 * against the same lib-storage baseline, with the webapp's CPU seconds and peak RSS while it only signs and records.
 */
export async function runDirectSessionScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const size = Math.max(...ctx.plan.uploads.map((u) => u.size));
  const seed = 9;
  const cpuBefore = await cpuSeconds(ctx.webapp.pid);
  const sampler = await startRssSampler(ctx.webapp.pid);
  const session = await uploadThroughSession({ baseUrl: ctx.webapp.baseUrl, size, seed, fileName: `bench-session-${size}.bin` });
  const rss = await sampler.stop();
  const cpuAfter = await cpuSeconds(ctx.webapp.pid);
  await timedRequest(`${ctx.webapp.baseUrl}/api/files/${session.fileId}`, { method: 'DELETE' });

  const key = `bench-direct/session-baseline-${size}`;
  const directMs = await uploadDirect({ s3: ctx.clients.s3, bucket: ctx.bucket, key, size, seed, partSizeBytes: ctx.partSizeBytes, queueSize: ctx.queueSize });
  await removeDirectObject(ctx.clients.s3, ctx.bucket, key);

  const sessionMiBs = mibPerSecond(size, session.durationMs);
  const directMiBs = mibPerSecond(size, directMs);
  const ratio = sessionMiBs / directMiBs;
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  const cpuPerGiB = cpu === undefined ? undefined : cpu / (size / (1024 * MiB));
  console.log(`  session ${formatSize(size)}: ${sessionMiBs.toFixed(1)} MiB/s, direct ${directMiBs.toFixed(1)} MiB/s, webapp CPU ${cpu?.toFixed(2) ?? '?'} s`);

  const label = formatSize(size);
  const rows: ReportRow[] = [
    { item: '9 direct', metric: `${label} session API / lib-storage direct`, value: `${sessionMiBs.toFixed(1)} / ${directMiBs.toFixed(1)} MiB/s` },
    { item: '9 direct', metric: `${label} ratio`, value: ratio.toFixed(2), target: `>= ${RATIO_TARGET}`, met: ratio >= RATIO_TARGET },
    {
      item: '9 direct',
      metric: 'webapp CPU seconds per GiB',
      value: cpuPerGiB === undefined ? 'n/a (no /proc)' : cpuPerGiB.toFixed(3),
      target: `<= ${CPU_TARGET_SECONDS_PER_GIB}`,
      met: cpuPerGiB === undefined ? undefined : cpuPerGiB <= CPU_TARGET_SECONDS_PER_GIB,
    },
    { item: '9 direct', metric: `webapp peak RSS during ${label}`, value: fmt(rss.peakBytes / MiB, 'MiB', 0) },
  ];
  return { rows, data: { size, sessionMs: session.durationMs, directMs, ratio, cpuSeconds: cpu, cpuSecondsPerGiB: cpuPerGiB, peakRssBytes: rss.peakBytes } };
}
