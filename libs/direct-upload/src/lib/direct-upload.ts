import { runLimited } from './run-limited';
import { PartSigner } from './part-signer';
import { ApiError, SessionApi, type DonePart, type SessionInfo } from './session-api';
import {
  PART_TRIES,
  PARTS_IN_FLIGHT,
  backoffMs,
  isExpiredSignature,
  isRetryable,
  resumeKey,
  toBase64,
} from './transfer-policy';

/** How one upload ended (the page's UploadResult has the same shape). */
export type UploadResult =
  | { readonly state: 'done' }
  | { readonly state: 'cancelled' }
  | { readonly state: 'error'; readonly code: string; readonly message: string };

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
  /** Stored bytes only: a part counts once S3 took it, as a reload would find it listed. */
  readonly onProgress: (stored: number, total: number) => void;
  /** The checksum S3 reports for the finished file. */
  readonly onChecksum?: (value: string) => void;
}

class Stopped extends Error {}

/**
 * Sends `file` straight to S3 in parts (4 in flight, each with its SHA-256, retried 3 times on network errors, 5xx
 * and 429, signed again when its URL expired). Parts are hashed ahead and signed in batches. The session id is kept
 * in localStorage, so choosing the same file after a reload resumes from the parts S3 lists.
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
    const opened = await openSession(api, key, file);
    if (opened === 'finished') {
      // Completed before a reload cut off its answer: the file is there.
      localStorage.removeItem(key);
      opts.onProgress(file.size, file.size);
      return { state: 'done' };
    }
    session = opened;
    const s = opened;
    const done = new Map(s.parts.map((p) => [p.partNumber, p]));
    const blobOf = (n: number) => file.slice((n - 1) * s.partSize, Math.min(file.size, n * s.partSize));
    let stored = [...done.values()].reduce((sum, p) => sum + blobOf(p.partNumber).size, 0);
    opts.onProgress(stored, file.size);
    const todo: number[] = [];
    for (let n = 1; n <= s.partCount; n++) if (!done.has(n)) todo.push(n);

    const signer = new PartSigner(
      {
        sign: (parts) => api.sign(s.id, parts),
        checksumOf: async (n) => toBase64(await crypto.subtle.digest('SHA-256', await blobOf(n).arrayBuffer())),
      },
      todo,
    );
    const sendPart = async (n: number): Promise<DonePart> => {
      const blob = blobOf(n);
      let signed = await signer.urlFor(n);
      for (let attempt = 1; ; attempt++) {
        await waitWhilePaused();
        const controller = new AbortController();
        inFlight.add(controller);
        let status = 0;
        let body = '';
        let etag: string | null = null;
        try {
          const res = await fetch(signed.url, {
            method: 'PUT',
            headers: signed.headers,
            body: blob,
            signal: controller.signal,
          });
          status = res.status;
          etag = res.headers.get('ETag');
          body = res.ok ? '' : await res.text();
        } catch {
          status = 0; // a network error, or a pause/cancel that aborted the request
        } finally {
          inFlight.delete(controller);
        }
        if (status >= 200 && status < 300 && etag) return { partNumber: n, etag, checksum: await signer.checksum(n) };
        if (cancelled) throw new Stopped();
        if (paused) {
          attempt -= 1; // a pause is not a failed try
          continue;
        }
        if (isExpiredSignature(status, body)) {
          // An expired URL is not a failed try: sign it again and send at once.
          signed = await signer.resign(n);
          attempt -= 1;
          continue;
        } else if (!isRetryable(status, body) || attempt >= PART_TRIES) {
          throw new ApiError(
            status,
            status === 0 ? 'NETWORK_ERROR' : 'PART_REJECTED',
            `Part ${n} could not be sent (${status || 'network error'}); try again.`,
          );
        }
        if (attempt >= PART_TRIES)
          throw new ApiError(status, 'PART_REJECTED', `Part ${n} could not be sent; try again.`);
        await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
      }
    };

    const sendings = todo.map((n) => async () => {
      const part = await sendPart(n);
      done.set(n, part);
      // S3 holds the part now: a reload finds it listed.
      stored += blobOf(n).size;
      opts.onProgress(stored, file.size);
    });
    await runLimited(sendings, PARTS_IN_FLIGHT);
    const record = await whenFree(() =>
      api.complete(
        s.id,
        [...done.values()].sort((a, b) => a.partNumber - b.partNumber),
      ),
    );
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
    const failure =
      err instanceof ApiError
        ? err
        : new ApiError(0, 'NETWORK_ERROR', 'The upload failed; check the connection and try again.');
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

/** How often, and how long apart, a call waits out a complete call that holds the session (a reloaded page's). */
const COMPLETE_WAITS = 60;
const COMPLETE_WAIT_MS = 2_000;

/** Runs a session call, waiting while another complete call (from before a reload) still holds the session. */
async function whenFree<T>(call: () => Promise<T>): Promise<T> {
  for (let wait = 1; ; wait++) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'UPLOAD_COMPLETING' || wait >= COMPLETE_WAITS) throw err;
      await new Promise((resolve) => setTimeout(resolve, COMPLETE_WAIT_MS));
    }
  }
}

/** The stored session for this file when it still exists; 'finished' when it became the file; else a new one. */
async function openSession(api: SessionApi, key: string, file: File): Promise<SessionInfo | 'finished'> {
  const stored = localStorage.getItem(key);
  if (stored) {
    try {
      // A complete from before a reload may still hold the session: its answer decides, so wait it out.
      return await whenFree(() => api.status(stored));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500 || err.status === 0) throw err;
      // The session id is the file id, and ids are never reused: a session that became a file needs no new upload.
      if (err.status === 404 && (await api.fileExists(stored))) return 'finished';
      // Aborted, expired or someone else's: start again.
    }
  }
  const created = await api.create(file);
  localStorage.setItem(key, created.id);
  return created;
}
