import http from 'node:http';
import type { BenchContext } from './bench-context';
import { timeBaselineUpload } from './direct-upload';
import { timedRequest, uploadThroughWebapp } from './http-upload';
import type { ReportRow, ScenarioResult } from './report';
import { fmt } from './report';
import { currentRss, startRssSampler } from './rss-sampler';
import { MiB, formatSize, mibPerSecond, percentile } from './stats';

const RATIO_TARGET = 0.8;
const RSS_TARGET_BYTES = 160 * MiB;
const FLATNESS_TARGET = 1.2;

/**
 * Items 1 and 2: upload throughput through the webapp vs straight to S3, and the webapp's peak RSS while it streams.
 */
export async function runUploadScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const idleRssBytes = await currentRss(ctx.webapp.pid);
  const sizes = [];
  try {
    for (const { size, repeats } of ctx.plan.uploads) {
      const webappMs: number[] = [];
      const directMs: number[] = [];
      let peakRssBytes = 0;
      for (let run = 0; run < repeats; run++) {
        // Same seed: the webapp and S3 receive the same bytes.
        const seed = size / MiB + run + 1;
        const sampler = await startRssSampler(ctx.webapp.pid);
        const result = await uploadThroughWebapp({
          baseUrl: ctx.webapp.baseUrl,
          size,
          fileName: `bench-${size}-${run}.bin`,
          seed,
          agent,
        });
        const rss = await sampler.stop();
        if (result.status !== 201 || !result.fileId)
          throw new Error(`upload of ${formatSize(size)} answered ${result.status}: ${result.body.slice(0, 500)}`);
        webappMs.push(result.durationMs);
        peakRssBytes = Math.max(peakRssBytes, rss.peakBytes);
        await timedRequest(`${ctx.webapp.baseUrl}/api/files/${result.fileId}`, { method: 'DELETE', agent });

        directMs.push(await timeBaselineUpload(ctx, `bench-direct/${size}-${run}`, size, seed));
      }
      const webappMiBs = mibPerSecond(size, percentile(webappMs, 50));
      const directMiBs = mibPerSecond(size, percentile(directMs, 50));
      sizes.push({
        size,
        repeats,
        webappMs,
        directMs,
        webappMiBs,
        directMiBs,
        ratio: webappMiBs / directMiBs,
        peakRssBytes,
      });
      console.log(
        `  upload ${formatSize(size)}: webapp ${webappMiBs.toFixed(1)} MiB/s, direct ${directMiBs.toFixed(1)} MiB/s, peak RSS ${(peakRssBytes / MiB).toFixed(0)} MiB`,
      );
    }
  } finally {
    agent.destroy();
  }

  const rows: ReportRow[] = [];
  for (const s of sizes) {
    const label = formatSize(s.size);
    rows.push({
      item: '1 upload',
      metric: `${label} webapp / direct`,
      value: `${s.webappMiBs.toFixed(1)} / ${s.directMiBs.toFixed(1)} MiB/s`,
    });
    rows.push({
      item: '1 upload',
      metric: `${label} ratio`,
      value: s.ratio.toFixed(2),
      target: `>= ${RATIO_TARGET}`,
      met: s.ratio >= RATIO_TARGET,
    });
  }
  const largest = sizes.at(-1);
  const previous = sizes.at(-2);
  if (idleRssBytes)
    rows.push({ item: '2 RSS', metric: 'idle before uploads', value: fmt(idleRssBytes / MiB, 'MiB', 0) });
  if (previous)
    rows.push({
      item: '2 RSS',
      metric: `peak during ${formatSize(previous.size)}`,
      value: fmt(previous.peakRssBytes / MiB, 'MiB', 0),
    });
  if (largest) {
    rows.push({
      item: '2 RSS',
      metric: `peak during ${formatSize(largest.size)}`,
      value: fmt(largest.peakRssBytes / MiB, 'MiB', 0),
      target: '<= 160 MiB',
      met: largest.peakRssBytes <= RSS_TARGET_BYTES,
    });
  }
  if (largest && previous) {
    const growth = largest.peakRssBytes / previous.peakRssBytes;
    rows.push({
      item: '2 RSS',
      metric: `peak ${formatSize(largest.size)} / ${formatSize(previous.size)}`,
      value: growth.toFixed(2),
      target: `<= ${FLATNESS_TARGET}`,
      met: growth <= FLATNESS_TARGET,
    });
  }
  return { rows, data: { idleRssBytes, sizes } };
}
