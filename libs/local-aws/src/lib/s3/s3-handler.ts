import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerPreflight, applyCors } from './cors';
import { route } from './router';
import { sendError } from './respond';
import type { S3State } from './s3-context';
import { S3Error, s3Errors } from './s3-error';
import { verifySignature, type SigningCredentials } from './sigv4';

/** Options of the request handler. */
export interface S3HandlerOptions {
  readonly state: S3State;
  /** Every identity the server accepts; the one that signed is the request's principal. */
  readonly credentials: readonly SigningCredentials[];
  /** Reports failures that are the server's fault (not the client's); S3 answers them as InternalError. */
  readonly onInternalError?: (err: unknown) => void;
}

/** The HTTP handler: parse, CORS, authenticate, dispatch; every failure becomes S3's error document. */
export function s3RequestHandler(options: S3HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return function s3Request(req, res) {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    res.setHeader('x-amz-request-id', requestId);
    handle(req, res, options).catch((err: unknown) => {
      if (!(err instanceof S3Error)) options.onInternalError?.(err);
      sendError(req, res, err, requestId);
      // An error answered before the body was read: stop reading it once the answer is out.
      if (!req.complete) res.once('finish', () => req.destroy());
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: S3HandlerOptions): Promise<void> {
  const { rawPath, bucket, key, query } = parseTarget(req.url ?? '/');
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') return answerPreflight(req, res, options.state.buckets, bucket);
  await applyCors(req, res, options.state.buckets, bucket);
  const signature = await verifySignature({ method, rawPath, query, headers: req.headers }, options.credentials);
  if (!bucket) throw s3Errors.notImplemented('ListBuckets');
  const handler = route(method, key !== '', query);
  await handler({ req, res, bucket, key, query, signature, state: options.state });
}

/** Splits a path-style URL into bucket, decoded key and decoded query. */
function parseTarget(url: string): {
  rawPath: string;
  bucket: string;
  key: string;
  query: Record<string, string | string[]>;
} {
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  if (!rawPath.startsWith('/')) throw s3Errors.invalidRequest('The request target must be a path.');
  const slash = rawPath.indexOf('/', 1);
  const bucket = decode(slash === -1 ? rawPath.slice(1) : rawPath.slice(1, slash));
  const key = slash === -1 ? '' : decode(rawPath.slice(slash + 1));
  const query: Record<string, string | string[]> = {};
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    const previous = query[name];
    query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return { rawPath, bucket, key, query };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw s3Errors.invalidArgument('The URL is not validly percent-encoded.', 'url', text);
  }
}
