import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynaliteError, type DynaliteLink } from './dynalite-link';
import { type DynamoDbReply, errorReply, type JsonObject, parseObject, replyHeaders } from './dynamodb-reply';
import { withItemOnConditionFailure } from './item-on-condition-failure';
import type { ReadWriteLock } from './read-write-lock';
import type { TimeToLive } from './time-to-live';
import { transactGetItems } from './transact-get';
import type { TransactionWriter } from './transact-write';

/** The largest request body DynamoDB (and dynalite) takes. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const SINGLE_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

/** What the front handler serves itself and what it sends on. */
export interface FrontHandlerDeps {
  readonly link: DynaliteLink;
  readonly lock: ReadWriteLock;
  readonly timeToLive: TimeToLive;
  readonly transactions: TransactionWriter;
}

/**
 * Serves what dynalite lacks (transactions, TTL, ALL_OLD on a failed condition) and sends the rest on to it. Every
 * request holds the store shared; a transaction holds it alone, so nothing sees or interleaves with its steps.
 */
export function dynamoDbFrontHandler(deps: FrontHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return function dynamoDbFront(req, res) {
    // A client that drops its connection mid-request costs nothing but its own request.
    req.on('error', () => req.destroy());
    res.on('error', () => res.destroy());
    readBody(req)
      .then((body) =>
        body === undefined
          ? errorReply('RequestEntityTooLarge', 'Request body is over 16 MiB', {}, 413)
          : answer(deps, req, body),
      )
      .catch((err: unknown) =>
        errorReply('InternalServerError', `local DynamoDB failed: ${(err as Error).message}`, {}, 500),
      )
      .then((reply) => send(res, reply));
  };
}

async function answer(deps: FrontHandlerDeps, req: IncomingMessage, body: Buffer): Promise<DynamoDbReply> {
  const action = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
  const forward = () => deps.link.forward(req.method ?? 'GET', req.url ?? '/', req.headers, body);
  if (req.method !== 'POST') return deps.lock.withShared(forward);
  // dynalite throws, and takes the whole process down, on a body that is not a JSON object.
  const request = parseObject(body.toString());
  if (!request) return errorReply('SerializationException', 'Request body is not a JSON object');
  if (!isOwnOrWatched(action)) return deps.lock.withShared(forward);
  if (!hasCredentials(req)) {
    return errorReply('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
  }
  try {
    return await serve(deps, action, request, forward);
  } catch (err) {
    if (err instanceof DynaliteError) return err.reply;
    throw err;
  }
}

async function serve(
  deps: FrontHandlerDeps,
  action: string,
  request: JsonObject,
  forward: () => Promise<DynamoDbReply>,
): Promise<DynamoDbReply> {
  const { lock, link, timeToLive } = deps;
  switch (action) {
    case 'TransactWriteItems':
      return lock.withExclusive(() => deps.transactions.write(request));
    case 'TransactGetItems':
      return lock.withExclusive(() => transactGetItems(link, request));
    case 'UpdateTimeToLive':
      return lock.withShared(() => timeToLive.update(request));
    case 'DescribeTimeToLive':
      return lock.withShared(() => timeToLive.describe(request));
    case 'DeleteTable': {
      const reply = await lock.withShared(forward);
      if (reply.status === 200) await timeToLive.forget(String(request['TableName']));
      return reply;
    }
    default:
      return singleWrite(deps, request, forward);
  }
}

async function singleWrite(
  deps: FrontHandlerDeps,
  request: JsonObject,
  forward: () => Promise<DynamoDbReply>,
): Promise<DynamoDbReply> {
  const onFailure = request['ReturnValuesOnConditionCheckFailure'];
  if (onFailure === undefined || onFailure === 'NONE') return deps.lock.withShared(forward);
  if (onFailure !== 'ALL_OLD') {
    return errorReply(
      'ValidationException',
      `ReturnValuesOnConditionCheckFailure must be ALL_OLD or NONE, got ${JSON.stringify(onFailure)}`,
    );
  }
  // Held alone, so the item read after a failed condition is the one the condition saw.
  return deps.lock.withExclusive(async () => withItemOnConditionFailure(deps.link, request, await forward()));
}

function isOwnOrWatched(action: string): boolean {
  return (
    SINGLE_WRITES.has(action) ||
    ['TransactWriteItems', 'TransactGetItems', 'UpdateTimeToLive', 'DescribeTimeToLive', 'DeleteTable'].includes(action)
  );
}

// dynalite checks no more than this either; the stand-in's own actions must not be kinder than the rest.
function hasCredentials(req: IncomingMessage): boolean {
  const authorization = req.headers.authorization?.trim() ?? '';
  return authorization.startsWith('AWS4-') || (req.url ?? '').includes('X-Amz-Algorithm=');
}

/** The whole body, or undefined once it passes MAX_REQUEST_BYTES (the rest is drained unread). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= MAX_REQUEST_BYTES ? Buffer.concat(chunks) : undefined));
    req.on('close', () => resolve(undefined));
  });
}

function send(res: ServerResponse, reply: DynamoDbReply): void {
  if (res.destroyed) return;
  const headers = reply.headers ? passedOnHeaders(reply.headers) : replyHeaders(reply.body);
  res.writeHead(reply.status, { ...headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

// dynalite's own headers, minus those that described its connection rather than the reply.
function passedOnHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string | string[]> {
  const kept = Object.entries(headers).filter(
    ([name, value]) =>
      value !== undefined && !['connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(name),
  );
  return Object.fromEntries(kept) as Record<string, string | string[]>;
}
