import type { AppMetrics } from '../metrics/app-metrics';
import { toErrorResponse } from './error-response';

/** Runs an upload action and counts its failure by the stable code the client will see, then rethrows. */
export async function countingUploadFailures<T>(metrics: AppMetrics, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    metrics.uploadFailed(toErrorResponse(err).code);
    throw err;
  }
}
