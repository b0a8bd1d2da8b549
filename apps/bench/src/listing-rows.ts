import { fmt, type ReportRow } from './report';
import type { LatencySummary } from './stats';

/** How much a listing's p50 may grow from the smallest catalog to a larger one. */
export const GROWTH_TARGET = 1.1;

/** One measured thing's latency with one catalog size. */
export interface SizedLatency {
  readonly size: string;
  readonly latency: LatencySummary;
}

/** Rows of p50 / p99 at each size, then the p50 growth of each larger size over the first, judged by GROWTH_TARGET. */
export function growthRows(item: string, subject: string, bySize: readonly SizedLatency[]): ReportRow[] {
  const latencyRows = bySize.map(({ size, latency }) => ({
    item,
    metric: `${subject} @ ${size} p50 / p99`,
    value: `${fmt(latency.p50, 'ms')} / ${fmt(latency.p99, 'ms')}`,
  }));
  const [base, ...larger] = bySize;
  const growth = larger.map(({ size, latency }) => {
    const ratio = latency.p50 / base.latency.p50;
    return {
      item,
      metric: `${subject} p50 ${size} / ${base.size}`,
      value: ratio.toFixed(2),
      target: `<= ${GROWTH_TARGET}`,
      met: ratio <= GROWTH_TARGET,
    };
  });
  return [...latencyRows, ...growth];
}
