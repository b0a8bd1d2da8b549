import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { singleFileBody, MULTIPART_TYPE } from './multipart';
import { seededRandom } from './seeded-random';

const MiB = 1024 * 1024;

/** One request the load made, and how it ended. */
export interface LoadRecord {
  readonly op: 'page' | 'listing' | 'upload' | 'download';
  /** ms since the load started. */
  readonly startedMs: number;
  readonly endedMs: number;
  readonly status?: number;
  /**
   * Set when the request failed: a status outside 2xx/3xx, a reset or timed-out connection, or a corrupted download.
   */
  readonly failure?: string;
  readonly servedBy?: string;
}

/** A file the load uploaded and got 201 for. */
export interface AcceptedUpload {
  readonly id: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** Settings of a steady mixed load. */
export interface MixedLoadOptions {
  /** @default 8 */
  readonly clients?: number;
  /** @default 1 MiB */
  readonly minUploadBytes?: number;
  /** @default 8 MiB */
  readonly maxUploadBytes?: number;
  /** Hard cap on requests, so the load stays bounded whatever happens. @default 20000 */
  readonly maxRequests?: number;
  /** Hard cap on time. @default 10 minutes */
  readonly maxDurationMs?: number;
  /** Per-request limit; a request still running then counts as failed. @default 60000 */
  readonly requestTimeoutMs?: number;
  /** Pause between one client's requests, drawn from [min, max]. @default [300, 900] */
  readonly thinkMs?: readonly [number, number];
  /** Bytes uploaded in all, after which clients upload no more (keeps disk and time bounded). @default 512 MiB */
  readonly maxUploadTotalBytes?: number;
  /** @default 1 */
  readonly seed?: number;
}

/** A running load: what it did so far, and a way to stop it. */
export interface MixedLoad {
  readonly records: readonly LoadRecord[];
  readonly uploads: readonly AcceptedUpload[];
  /** ms since the load started, on the records' clock. */
  now(): number;
  /** Stops issuing requests and waits for those in flight. */
  stop(): Promise<void>;
}

/**
 * ~8 clients, each looping over page loads, listings, 1-8 MiB uploads and downloads (checked byte for byte) against
 * `baseUrl`, on a fresh connection per request, until stopped or a bound is hit. Nothing is retried: every failure
 * a user would see is recorded.
 */
export function startMixedLoad(baseUrl: string, options: MixedLoadOptions = {}): MixedLoad {
  const startedAt = performance.now();
  const now = () => performance.now() - startedAt;
  const records: LoadRecord[] = [];
  const uploads: AcceptedUpload[] = [];
  const random = seededRandom(options.seed ?? 1);
  const maxRequests = options.maxRequests ?? 20_000;
  const maxDurationMs = options.maxDurationMs ?? 600_000;
  const minBytes = options.minUploadBytes ?? MiB;
  const maxBytes = options.maxUploadBytes ?? 8 * MiB;
  const timeoutMs = options.requestTimeoutMs ?? 60_000;
  const [minThinkMs, maxThinkMs] = options.thinkMs ?? [300, 900];
  const maxUploadTotal = options.maxUploadTotalBytes ?? 512 * MiB;
  let uploadedBytes = 0;
  let stopped = false;
  let issued = 0;

  const run = async (
    op: LoadRecord['op'],
    path: string,
    init: { method?: string; body?: Buffer; headers?: Record<string, string> },
    check?: (body: Buffer, status: number) => string | undefined,
  ) => {
    const startedMs = now();
    const outcome = await send(new URL(path, baseUrl), init, timeoutMs);
    const failure =
      outcome.error ?? (outcome.status >= 400 ? `status ${outcome.status}` : check?.(outcome.body, outcome.status));
    records.push({
      op,
      startedMs,
      endedMs: now(),
      status: outcome.status || undefined,
      failure,
      servedBy: outcome.servedBy,
    });
    return failure ? undefined : outcome;
  };

  const step = async () => {
    const pick = random();
    if (pick < 0.35) return run('page', '/', {});
    if (pick < 0.7 || (uploads.length === 0 && uploadedBytes >= maxUploadTotal))
      return run('listing', '/api/files?limit=20', {});
    if ((pick < 0.8 || uploads.length === 0) && uploadedBytes < maxUploadTotal) {
      const content = randomBytes(Math.floor(minBytes + random() * (maxBytes - minBytes)));
      uploadedBytes += content.length;
      const sha256 = createHash('sha256').update(content).digest('hex');
      const outcome = await run('upload', '/api/files', {
        method: 'POST',
        body: singleFileBody(`load-${issued}.bin`, content),
        headers: { 'content-type': MULTIPART_TYPE },
      });
      const id =
        outcome && outcome.status === 201
          ? (JSON.parse(outcome.body.toString('utf8')) as { files: { id: string }[] }).files[0]?.id
          : undefined;
      if (id) uploads.push({ id, sha256, bytes: content.length });
      return;
    }
    const file = uploads[Math.floor(random() * uploads.length)];
    return run('download', `/files/${file.id}`, {}, (body, status) =>
      status >= 300 || sha256Of(body) === file.sha256 ? undefined : 'download differs from the upload',
    );
  };

  const client = async () => {
    while (!stopped && issued < maxRequests && now() < maxDurationMs) {
      issued += 1;
      await step();
      await sleep(minThinkMs + random() * (maxThinkMs - minThinkMs));
    }
  };
  const clients = Array.from({ length: options.clients ?? 8 }, () => client());
  return {
    records,
    uploads,
    now,
    async stop() {
      stopped = true;
      await Promise.all(clients);
    },
  };
}

/** Requests that failed, in the order they ended. */
export function failures(records: readonly LoadRecord[]): LoadRecord[] {
  return records.filter((r) => r.failure !== undefined).sort((a, b) => a.endedMs - b.endedMs);
}

function sha256Of(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

interface Outcome {
  readonly status: number;
  readonly body: Buffer;
  readonly servedBy?: string;
  readonly error?: string;
}

// A fresh connection per request (agent: false), so a failure is the fleet's and never a stale pooled socket's.
function send(
  url: URL,
  init: { method?: string; body?: Buffer; headers?: Record<string, string> },
  timeoutMs: number,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        headers: { ...init.headers, ...(init.body ? { 'content-length': String(init.body.length) } : {}) },
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            servedBy: res.headers['x-served-by'] as string | undefined,
          }),
        );
        res.on('error', (err) =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.alloc(0), error: `response cut: ${err.message}` }),
        );
        res.on('aborted', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.alloc(0), error: 'response cut: aborted' }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ status: 0, body: Buffer.alloc(0), error: `connection failed: ${err.code ?? err.message}` }),
    );
    req.end(init.body);
  });
}
