import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { AutoScalingGroup } from './auto-scaling-group';
import { ClusterOperationError } from './cluster-errors';
import { refreshInstances, validatePreferences } from './instance-refresh';

/** A running control endpoint. */
export interface ControlServer {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4_096;

/**
 * The cluster's control endpoint, on loopback only and behind a bearer token: GET /instances, POST /roll
 * {minHealthyPercentage, maxHealthyPercentage}, POST /scale {instances}. Operations stream progress as JSON lines and
 * end with {"ok": true} or {"ok": false, "code", "message"}; one operation at a time (409 OPERATION_IN_PROGRESS).
 */
export async function startControlServer(
  group: AutoScalingGroup,
  options: { token: string; log: (line: string) => void },
): Promise<ControlServer> {
  const server: Server = createServer((req, res) => {
    void handle(group, options, req, res).catch((err: unknown) =>
      sendJson(res, 500, { ok: false, code: 'INTERNAL', message: String(err) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  group: AutoScalingGroup,
  options: { token: string; log: (line: string) => void },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!authorized(req.headers.authorization, options.token))
    return sendJson(res, 401, { ok: false, code: 'UNAUTHORIZED', message: 'missing or wrong control token' });
  const route = `${req.method} ${req.url}`;
  if (route === 'GET /instances')
    return sendJson(res, 200, { desiredCapacity: group.desiredCapacity, instances: group.instances() });
  if (route !== 'POST /roll' && route !== 'POST /scale')
    return sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: `no control route ${route}` });
  const body = await readJson(req);
  if (body === undefined)
    return sendJson(res, 400, { ok: false, code: 'INVALID_REQUEST', message: 'the body must be a JSON object' });
  let operation: (progress: (line: string) => void) => Promise<unknown>;
  try {
    if (group.operation)
      throw new ClusterOperationError(
        'OPERATION_IN_PROGRESS',
        `a ${group.operation} is already under way; wait for it to finish`,
      );
    if (route === 'POST /roll') {
      const preferences = {
        minHealthyPercentage: body.minHealthyPercentage as number | undefined,
        maxHealthyPercentage: body.maxHealthyPercentage as number | undefined,
      };
      validatePreferences(preferences);
      operation = (progress) => refreshInstances(group, preferences, progress);
    } else {
      const instances = body.instances as number;
      operation = (progress) =>
        group.exclusively('scale', async () => {
          progress(`scale: ${group.desiredCapacity} -> ${instances} instances`);
          await group.scaleTo(instances);
          progress(`scale: done, ${instances} in service`);
        });
      if (!Number.isInteger(instances) || instances < 1 || instances > 16) {
        throw new ClusterOperationError(
          'INVALID_REQUEST',
          `instances must be a whole number from 1 to 16, got ${JSON.stringify(body.instances)}`,
        );
      }
    }
  } catch (err) {
    if (!(err instanceof ClusterOperationError)) throw err;
    return sendJson(res, err.code === 'OPERATION_IN_PROGRESS' ? 409 : 400, {
      ok: false,
      code: err.code,
      message: err.message,
    });
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const progress = (line: string) => {
    options.log(line);
    if (!res.destroyed) res.write(`${JSON.stringify({ progress: line })}\n`);
  };
  try {
    const result = await operation(progress);
    res.end(`${JSON.stringify({ ok: true, result })}\n`);
  } catch (err) {
    const code = err instanceof ClusterOperationError ? err.code : 'INTERNAL';
    const message = (err as Error).message;
    options.log(`${route.split('/')[1]} failed: ${message}`);
    res.end(`${JSON.stringify({ ok: false, code, message })}\n`);
  }
}

function authorized(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let raw = '';
  for await (const chunk of req) {
    raw += String(chunk);
    if (raw.length > MAX_BODY_BYTES) return undefined;
  }
  try {
    const value: unknown = JSON.parse(raw || '{}');
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
