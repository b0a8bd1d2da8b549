import type { S3State } from './s3-context';

/**
 * Removes multipart uploads initiated more than `maxAgeMs` ago, with their parts, as the bucket's
 * abort-incomplete-multipart-upload lifecycle rule does on AWS. Returns how many it removed.
 */
export async function sweepIncompleteUploads(state: S3State, maxAgeMs: number, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const bucket of await state.buckets.names()) {
    for (const upload of await state.uploads.list(bucket)) {
      if (now - Date.parse(upload.initiated) < maxAgeMs) continue;
      await state.uploads.remove(bucket, upload.uploadId);
      removed++;
    }
  }
  return removed;
}

/** Sweeps every `intervalMs` until stopped; a failed sweep is retried at the next tick. */
export function startSweeping(state: S3State, maxAgeMs: number, intervalMs: number): { stop(): void } {
  const timer = setInterval(() => void sweepIncompleteUploads(state, maxAgeMs).catch(() => undefined), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
