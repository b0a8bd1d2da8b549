import type { Context } from 'koa';
import { LimitExceededError, type FileRecord, type UploadLimits } from '@ha-uploads/files';
import type { AppMetrics } from '../metrics/app-metrics';
import type { AppState } from './state';

/**
 * Runs `upload` only if the fleet-wide limits admit it, deciding before a byte of the body is read; then settles
 * the byte quota with what was stored. Without limits it just runs `upload`.
 */
export async function limitedUpload<T extends { readonly records: readonly FileRecord[] }>(
  ctx: Context & { state: AppState },
  limits: UploadLimits | undefined,
  metrics: Pick<AppMetrics, 'rateLimitRefused'>,
  upload: () => Promise<T>,
): Promise<T> {
  if (!limits) return upload();
  let admission;
  try {
    admission = await limits.admit({ clientIp: ctx.ip, ownerId: ctx.state.identity?.ownerId, declaredBytes: declaredLength(ctx) });
  } catch (err) {
    // The body stays unread: close the connection after the answer rather than drain what the client still sends.
    if (err instanceof LimitExceededError) {
      ctx.set({ Connection: 'close', 'Retry-After': String(err.retryAfterSeconds) });
      metrics.rateLimitRefused(err.code);
    }
    throw err;
  }
  let storedBytes = 0;
  try {
    const result = await upload();
    storedBytes = result.records.reduce((sum, record) => sum + record.size, 0);
    return result;
  } finally {
    await admission.settle(storedBytes);
  }
}

function declaredLength(ctx: Context): number | undefined {
  const length = ctx.request.length;
  return typeof length === 'number' && Number.isFinite(length) && length >= 0 ? length : undefined;
}
