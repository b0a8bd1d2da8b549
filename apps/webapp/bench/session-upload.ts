import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { randomBytesStream } from './random-stream';

/** Parts in flight, as the page's direct uploader sends them. */
const PARTS_IN_FLIGHT = 4;

interface CreatedSession {
  readonly id: string;
  readonly partSize: number;
  readonly partCount: number;
}

interface SignedPart {
  readonly partNumber: number;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** One file through the upload-session API: create, sign, PUT every part straight to S3, confirm, complete. */
export async function uploadThroughSession(options: { readonly baseUrl: string; readonly size: number; readonly seed: number; readonly fileName: string }): Promise<{ durationMs: number; fileId: string }> {
  const started = performance.now();
  const api = apiClient(options.baseUrl);
  const session = await api<CreatedSession>('POST', '/api/uploads', { name: options.fileName, size: options.size, contentType: 'application/octet-stream' });
  const parts = readParts(randomBytesStream(options.size, options.seed), session.partSize);
  const done: { partNumber: number; etag: string; checksum: string }[] = [];
  const inFlight = new Set<Promise<void>>();
  for await (const { partNumber, body } of parts) {
    const checksum = createHash('sha256').update(body).digest('base64');
    // Each URL signs its part's checksum, so a part is signed once its bytes are known, as the page does.
    const [target] = (await api<{ parts: SignedPart[] }>('POST', `/api/uploads/${session.id}/sign`, { parts: [{ partNumber, checksum }] })).parts;
    const put = putPart(target, body).then(async (etag) => {
      await api('POST', `/api/uploads/${session.id}/parts`, { partNumber, etag, checksum });
      done.push({ partNumber, etag, checksum });
    });
    inFlight.add(put);
    void put.finally(() => inFlight.delete(put));
    if (inFlight.size >= PARTS_IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  done.sort((a, b) => a.partNumber - b.partNumber);
  const record = await api<{ id: string }>('POST', `/api/uploads/${session.id}/complete`, { parts: done });
  return { durationMs: performance.now() - started, fileId: record.id };
}

/** JSON calls to the webapp, keeping its owner cookie like a browser. */
function apiClient(baseUrl: string) {
  let cookie = '';
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
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
  };
}

async function putPart(part: SignedPart, body: Buffer): Promise<string> {
  const res = await fetch(part.url, { method: 'PUT', headers: part.headers, body });
  if (!res.ok) throw new Error(`PUT of part ${part.partNumber} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const etag = res.headers.get('etag');
  if (!etag) throw new Error(`PUT of part ${part.partNumber} returned no ETag`);
  return etag;
}

/** Cuts a stream into numbered parts of `partSize` bytes (the last one shorter), one part in memory at a time. */
async function* readParts(stream: Readable, partSize: number): AsyncGenerator<{ partNumber: number; body: Buffer }> {
  let chunks: Buffer[] = [];
  let length = 0;
  let partNumber = 1;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    while (length >= partSize) {
      const all = Buffer.concat(chunks);
      yield { partNumber: partNumber++, body: all.subarray(0, partSize) };
      chunks = [all.subarray(partSize)];
      length -= partSize;
    }
  }
  if (length > 0) yield { partNumber, body: Buffer.concat(chunks) };
}
