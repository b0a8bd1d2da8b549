import type { UploadResult } from '../upload-request';
import { ApiError, SessionApi, type DonePart, type SessionInfo } from './session-api';
import { PART_TRIES, PARTS_IN_FLIGHT, backoffMs, isExpiredSignature, isRetryable, resumeKey, toBase64 } from './transfer-policy';

/** A direct upload in progress: its outcome, and the buttons' actions. */
export interface DirectUploadHandle {
  readonly result: Promise<UploadResult>;
  cancel(): void;
  pause(): void;
  resume(): void;
}

/** What a direct upload needs from the page. */
export interface DirectUploadOptions {
  readonly csrfToken: string;
  /** Confirmed bytes only: a part counts once S3 has it. */
  readonly onProgress: (confirmed: number, total: number) => void;
  /** The checksum S3 reports for the finished file. */
  readonly onChecksum?: (value: string) => void;
}

class Stopped extends Error {}

/**
 * Sends `file` straight to S3 in parts (4 in flight, each with its SHA-256, retried 3 times on network errors, 5xx
 * and 429, signed again when its URL expired). The session id is kept in localStorage, so choosing the same file
 * after a reload resumes from the parts already stored.
 */
export function uploadDirect(file: File, opts: DirectUploadOptions): DirectUploadHandle {
  const api = new SessionApi(opts.csrfToken);
  const key = resumeKey(file);
  let paused = false;
  let cancelled = false;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((resolve) => resolve());
  const inFlight = new Set<AbortController>();
  let session: SessionInfo | undefined;

  const waitWhilePaused = async () => {
    while (paused && !cancelled) await new Promise<void>((resolve) => waiters.push(resolve));
    if (cancelled) throw new Stopped();
  };

  const run = async (): Promise<UploadResult> => {
    session = await openSession(api, key, file);
    const done = new Map(session.parts.map((p) => [p.partNumber, p]));
    const partBytes = (n: number) => Math.min(file.size, n * (session as SessionInfo).partSize) - (n - 1) * (session as SessionInfo).partSize;
    let confirmed = [...done.keys()].reduce((sum, n) => sum + partBytes(n), 0);
    opts.onProgress(confirmed, file.size);
    const todo: number[] = [];
    for (let n = 1; n <= session.partCount; n++) if (!done.has(n)) todo.push(n);

    const worker = async () => {
      for (let n = todo.shift(); n !== undefined; n = todo.shift()) {
        const part = await sendPart(n);
        done.set(n, part);
        confirmed += partBytes(n);
        opts.onProgress(confirmed, file.size);
      }
    };

    const sendPart = async (n: number): Promise<DonePart> => {
      const s = session as SessionInfo;
      const blob = file.slice((n - 1) * s.partSize, Math.min(file.size, n * s.partSize));
      const checksum = toBase64(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
      let signed = await api.sign(s.id, n, checksum);
      for (let attempt = 1; ; attempt++) {
        await waitWhilePaused();
        const controller = new AbortController();
        inFlight.add(controller);
        let status = 0;
        let body = '';
        let etag: string | null = null;
        try {
          const res = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: blob, signal: controller.signal });
          status = res.status;
          etag = res.headers.get('ETag');
          body = res.ok ? '' : await res.text();
        } catch {
          status = 0; // a network error, or a pause/cancel that aborted the request
        } finally {
          inFlight.delete(controller);
        }
        if (status >= 200 && status < 300 && etag) {
          const part = { partNumber: n, etag, checksum };
          await api.confirm(s.id, part);
          return part;
        }
        if (cancelled) throw new Stopped();
        if (paused) {
          attempt -= 1; // a pause is not a failed try
          continue;
        }
        if (isExpiredSignature(status, body)) {
          signed = await api.sign(s.id, n, checksum);
        } else if (!isRetryable(status) || attempt >= PART_TRIES) {
          throw new ApiError(status, status === 0 ? 'NETWORK_ERROR' : 'PART_REJECTED', `Part ${n} could not be sent (${status || 'network error'}); try again.`);
        }
        if (attempt >= PART_TRIES) throw new ApiError(status, 'PART_REJECTED', `Part ${n} could not be sent; try again.`);
        await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
      }
    };

    await Promise.all(Array.from({ length: Math.min(PARTS_IN_FLIGHT, todo.length) }, worker));
    const record = await api.complete(session.id, [...done.values()].sort((a, b) => a.partNumber - b.partNumber));
    localStorage.removeItem(key);
    if (record.checksum) opts.onChecksum?.(record.checksum.value);
    return { state: 'done' };
  };

  const result = run().catch(async (err: unknown): Promise<UploadResult> => {
    if (cancelled || err instanceof Stopped) {
      localStorage.removeItem(key);
      if (session) await api.abort(session.id).catch(() => undefined);
      return { state: 'cancelled' };
    }
    const failure = err instanceof ApiError ? err : new ApiError(0, 'NETWORK_ERROR', 'The upload failed; check the connection and try again.');
    return { state: 'error', code: failure.code, message: failure.message };
  });

  return {
    result,
    cancel() {
      cancelled = true;
      for (const controller of inFlight) controller.abort();
      wake();
    },
    pause() {
      paused = true;
      for (const controller of inFlight) controller.abort();
    },
    resume() {
      paused = false;
      wake();
    },
  };
}

/** The stored session for this file when it still exists, else a new one. */
async function openSession(api: SessionApi, key: string, file: File): Promise<SessionInfo> {
  const stored = localStorage.getItem(key);
  if (stored) {
    try {
      return await api.status(stored);
    } catch (err) {
      // Completed, aborted, expired or someone else's: start again.
      if (!(err instanceof ApiError) || err.status >= 500 || err.status === 0) throw err;
    }
  }
  const created = await api.create(file);
  localStorage.setItem(key, created.id);
  return created;
}
