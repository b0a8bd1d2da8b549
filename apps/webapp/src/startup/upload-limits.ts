import type { WebappConfig } from '@ha-uploads/config';
import { CoalescingUsageCounters, UploadLimits, type UsageCounters } from '@ha-uploads/files';
import type { Logger } from 'pino';

/** The configured upload limits over the fleet's counters; undefined when all are off, so uploads skip the check. */
export function uploadLimitsFor(
  config: Pick<WebappConfig, 'uploadLimits' | 'maxUploadBytes' | 'maxFilesPerRequest'>,
  counters: UsageCounters,
  logger: Logger,
  /** @default - Date.now */
  now?: () => number,
): UploadLimits | undefined {
  const s = config.uploadLimits;
  const all = [
    s.uploadsPerMinutePerClient,
    s.uploadsPerMinutePerIp,
    s.uploadBytesPerDayPerClient,
    s.downloadsPerMinutePerIp ?? 0,
  ];
  if (all.every((limit) => limit === 0)) return undefined;
  return new UploadLimits({
    // A burst from one IP hits one counter: join this instance's concurrent writes to it.
    counters: new CoalescingUsageCounters(counters),
    settings: s,
    // The most one form post may store: a chunked one holds this much of the quota until its size is known.
    unknownLengthReservationBytes: config.maxUploadBytes * config.maxFilesPerRequest,
    now,
    onRefundError: (err) =>
      logger.warn({ err }, 'giving back reserved upload bytes failed; the client is charged for them'),
  });
}
