import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { S3Error } from '../s3/s3-error';
import { sha256Hex, verifySignature, type SigningCredentials } from '../s3/sigv4';
import type { QueueRegistry } from './queue-registry';
import { SQS_ACTIONS } from './sqs-actions';
import { SqsError, sqsErrors } from './sqs-error';

/** A request body beyond this is refused before it is read further (a message is at most 1 MiB). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const JSON_1_0 = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'AmazonSQS.';

/** Options of the SQS request handler. */
export interface SqsHandlerOptions {
  readonly queues: QueueRegistry;
  /** Every identity the server accepts. */
  readonly credentials: readonly SigningCredentials[];
  /** Reports failures that are the server's fault. */
  readonly onInternalError?: (err: unknown) => void;
}

/** The HTTP handler: read, authenticate (SigV4, service `sqs`), dispatch by X-Amz-Target, answer JSON. */
export function sqsRequestHandler(options: SqsHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return function sqsRequest(req, res) {
    const requestId = randomUUID();
    // A long poll whose client has gone takes nothing from the queue.
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    handle(req, options, gone.signal)
      .then((output) => send(res, 200, requestId, output))
      .catch((err: unknown) => {
        const error = asSqsError(err);
        if (error.type === 'InternalFailure') options.onInternalError?.(err);
        send(
          res,
          error.status,
          requestId,
          { __type: `com.amazonaws.sqs#${error.type}`, message: error.message },
          {
            'x-amzn-query-error': `${error.queryCode};${error.status >= 500 ? 'Receiver' : 'Sender'}`,
          },
        );
        if (!req.complete) res.once('finish', () => req.destroy());
      });
  };
}

async function handle(req: IncomingMessage, options: SqsHandlerOptions, signal: AbortSignal): Promise<object> {
  if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/')
    throw sqsErrors.unsupportedOperation(`${req.method ?? ''} ${req.url ?? ''}: only POST / with the JSON protocol`);
  const body = await readBody(req);
  await verifySignature(
    { method: 'POST', rawPath: '/', query: {}, headers: req.headers },
    options.credentials,
    new Date(),
    { service: 'sqs', payloadHash: sha256Hex(body) },
  );
  const target = headerOf(req, 'x-amz-target') ?? '';
  const action = target.startsWith(TARGET_PREFIX) ? SQS_ACTIONS[target.slice(TARGET_PREFIX.length)] : undefined;
  if (!action) throw new SqsError(400, 'UnknownOperationException', 'UnknownOperationException', `Unknown ${target}`);
  if (!headerOf(req, 'content-type')?.startsWith(JSON_1_0))
    throw sqsErrors.invalidParameter(`the content type must be ${JSON_1_0}.`);
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SqsError(400, 'SerializationException', 'SerializationException', 'The request body is not JSON.');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new SqsError(400, 'SerializationException', 'SerializationException', 'The request body is not an object.');
  return action(input as Record<string, unknown>, options.queues, signal);
}

/** Reads the whole (small) body, refusing one past the bound. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new SqsError(413, 'RequestEntityTooLarge', 'RequestEntityTooLarge', 'The request is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Authentication failures keep S3's wording but take SQS's codes; unknown failures are InternalFailure. */
function asSqsError(err: unknown): SqsError {
  if (err instanceof SqsError) return err;
  if (err instanceof S3Error) {
    const code = err.code === 'InvalidAccessKeyId' ? 'InvalidClientTokenId' : err.code;
    return new SqsError(err.status, code, code, err.message);
  }
  return new SqsError(500, 'InternalFailure', 'InternalFailure', 'The request processing has failed.');
}

function send(
  res: ServerResponse,
  status: number,
  requestId: string,
  body: object,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_1_0,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    ...headers,
  });
  res.end(text);
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
