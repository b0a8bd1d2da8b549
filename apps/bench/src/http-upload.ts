import http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { multipartContentLength, multipartFraming, newBoundary } from './multipart-body';
import { randomBytesStream } from './random-stream';

/** One upload through the webapp's JSON API. */
export interface WebappUploadOptions {
  readonly baseUrl: string;
  readonly size: number;
  readonly fileName: string;
  /** Seed of the pseudo-random body (the same seed gives the same bytes). */
  readonly seed?: number;
  readonly agent?: http.Agent;
}

/** What an upload answered, and how long it took from the first byte sent to the last byte of the answer. */
export interface WebappUploadResult {
  readonly status: number;
  readonly durationMs: number;
  /** The first stored file's id, when the webapp answered 201. */
  readonly fileId?: string;
  readonly body: string;
}

/**
 * Streams a pseudo-random file as `multipart/form-data` (field `file`) to POST /api/files, with a precomputed
 * Content-Length.
 */
export async function uploadThroughWebapp(options: WebappUploadOptions): Promise<WebappUploadResult> {
  const framing = multipartFraming({
    boundary: newBoundary(),
    fieldName: 'file',
    fileName: options.fileName,
    contentType: 'application/octet-stream',
  });
  const url = new URL('/api/files', options.baseUrl);
  const started = performance.now();
  const request = http.request(url, {
    method: 'POST',
    agent: options.agent,
    headers: {
      'Content-Type': framing.contentType,
      'Content-Length': multipartContentLength(framing, options.size),
      Accept: 'application/json',
    },
  });
  const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  const body = Readable.from(
    (async function* () {
      yield framing.head;
      yield* randomBytesStream(options.size, options.seed);
      yield framing.tail;
    })(),
    { objectMode: false },
  );
  // An early answer (413, 503) may cut the body short; the answer, not the write error, is the result.
  const sent = pipeline(body, request).catch(() => undefined);
  const response = await answered;
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  await sent;
  const durationMs = performance.now() - started;
  const text = Buffer.concat(chunks).toString('utf8');
  return { status: response.statusCode ?? 0, durationMs, fileId: firstFileId(response.statusCode, text), body: text };
}

function firstFileId(status: number | undefined, text: string): string | undefined {
  if (status !== 201) return undefined;
  try {
    return (JSON.parse(text) as { files?: { id?: string }[] }).files?.[0]?.id;
  } catch {
    return undefined;
  }
}

/** Sends one request and resolves with its status and the elapsed milliseconds once the whole answer is read. */
export function timedRequest(
  url: string,
  options: { method?: string; agent?: http.Agent } = {},
): Promise<{ status: number; durationMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', agent: options.agent }, (response) => {
      response.resume();
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, durationMs: performance.now() - started }),
      );
      response.once('error', reject);
    });
    request.once('error', reject);
    request.end();
  });
}
