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
  const admission = await admit(ctx, limits, metrics, declaredLength(ctx));
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

/**
 * Admits the start of a direct upload of `declaredBytes` under the same limits as a form upload: the declared size
 * is charged to the day's byte quota once the session exists (and given back when it could not be started).
 */
export async function limitedSessionStart<T>(
  ctx: Context & { state: AppState },
  limits: UploadLimits | undefined,
  metrics: Pick<AppMetrics, 'rateLimitRefused'>,
  declaredBytes: number,
  start: () => Promise<T>,
): Promise<T> {
  if (!limits) return start();
  const admission = await admit(ctx, limits, metrics, declaredBytes);
  let charged = 0;
  try {
    const result = await start();
    charged = declaredBytes;
    return result;
  } finally {
    await admission.settle(charged);
  }
}

async function admit(
  ctx: Context & { state: AppState },
  limits: UploadLimits,
  metrics: Pick<AppMetrics, 'rateLimitRefused'>,
  declaredBytes: number | undefined,
) {
  try {
    return await limits.admit({ clientIp: ctx.ip, ownerId: ctx.state.identity?.ownerId, declaredBytes });
  } catch (err) {
    // The body stays unread: the error handler closes the connection after the answer, lingering so it arrives.
    if (err instanceof LimitExceededError) {
      ctx.set('Retry-After', String(err.retryAfterSeconds));
      metrics.rateLimitRefused(err.code);
    }
    throw err;
  }
}
