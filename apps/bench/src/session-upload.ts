import { Readable } from 'node:stream';
import { PartSigner, type SignedPart, type DonePart, PARTS_IN_FLIGHT, runLimited } from '@ha-uploads/direct-upload';
import type { PartHasher } from './part-hasher';
import { randomPartChunks } from './random-stream';

interface CreatedSession {
  readonly id: string;
  readonly partSize: number;
  readonly partCount: number;
}

/** What one file through the session API took: its time and the calls the webapp answered. */
export interface SessionUploadResult {
  readonly durationMs: number;
  readonly fileId: string;
  readonly partCount: number;
  readonly apiCalls: Readonly<Record<string, number>>;
  /** Time the hashing thread spent making and hashing parts for their checksums (waits in its queue included). */
  readonly hashMs: number;
}

/**
 * One file through the upload-session API as the page sends it: create, then the page's own PartSigner (parts hashed
 * ahead, signed in batches), 4 parts in flight PUT straight to S3, and complete. Part `n` is streamed again from the
 * seed whenever it is needed, as the
 * page sends a slice of the file, so no part is ever held whole (the lib-storage baseline streams its body the same
 * way). The hashing runs in a worker thread, as the page's WebCrypto digests run off its main thread.
 */
export async function uploadThroughSession(options: {
  readonly baseUrl: string;
  readonly size: number;
  readonly seed: number;
  readonly fileName: string;
  readonly hasher: PartHasher;
}): Promise<SessionUploadResult> {
  const { hasher } = options;
  const started = performance.now();
  const api = sessionApiClient(options.baseUrl);
  const session = await api.call<CreatedSession>('POST', '/api/uploads', {
    name: options.fileName,
    size: options.size,
    contentType: 'application/octet-stream',
  });
  const partLength = (n: number) => Math.min(session.partSize, options.size - (n - 1) * session.partSize);
  const bodyOf = (n: number) => Readable.from(randomPartChunks(options.seed, n, partLength(n)), { objectMode: false });
  const order = Array.from({ length: session.partCount }, (_, i) => i + 1);
  let hashMs = 0;
  const signer = new PartSigner(
    {
      sign: async (parts) =>
        (await api.call<{ parts: SignedPart[] }>('POST', `/api/uploads/${session.id}/sign`, { parts })).parts,
      checksumOf: async (n) => {
        const hashStarted = performance.now();
        const checksum = await hasher.checksum(options.seed, n, partLength(n));
        hashMs += performance.now() - hashStarted;
        return checksum;
      },
    },
    order,
  );
  // The results come back in part order, as complete wants them.
  const done = await runLimited(
    order.map((n) => async (): Promise<DonePart> => {
      const target = await signer.urlFor(n);
      return {
        partNumber: n,
        etag: await putPart(target, bodyOf(n), partLength(n)),
        checksum: await signer.checksum(n),
      };
    }),
    PARTS_IN_FLIGHT,
  );
  const record = await api.call<{ id: string }>('POST', `/api/uploads/${session.id}/complete`, { parts: done });
  return {
    durationMs: performance.now() - started,
    fileId: record.id,
    partCount: session.partCount,
    apiCalls: api.counts,
    hashMs,
  };
}

/** JSON calls to the webapp, keeping its owner cookie like a browser, counted by route. */
export function sessionApiClient(baseUrl: string) {
  let cookie = '';
  const counts: Record<string, number> = {};
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const route = `${method} ${path.replace(/\/api\/uploads\/[^/]+/, '/api/uploads/:id')}`;
    counts[route] = (counts[route] ?? 0) + 1;
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie && { cookie }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const owner = res.headers.getSetCookie().find((c) => c.startsWith('owner='));
    if (owner) cookie = owner.split(';')[0];
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return { call, counts };
}

/**
 * PUTs a part of `size` bytes streamed from its chunks, with exactly the signed headers. A streamed body would go
 * chunked, so its Content-Length is set as a browser sets it for a file slice: S3 checks it against the signed one.
 */
export async function putPart(part: SignedPart, body: Readable, size: number): Promise<string> {
  const headers = { ...part.headers, 'content-length': String(size) };
  const res = await fetch(part.url, {
    method: 'PUT',
    headers,
    body: body as unknown as RequestInit['body'],
    duplex: 'half',
  } as RequestInit);
  if (!res.ok)
    throw new Error(`PUT of part ${part.partNumber} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const etag = res.headers.get('etag');
  if (!etag) throw new Error(`PUT of part ${part.partNumber} returned no ETag`);
  return etag;
}
