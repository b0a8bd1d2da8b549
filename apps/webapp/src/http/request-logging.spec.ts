import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';

/** A pino logger shaped like createLogger's (instanceId in every line) whose JSON lines land in `lines`. */
function capturingLogger(lines: Record<string, unknown>[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return pino({ level: 'info', base: { instanceId: 'i-test (test-1a)' } }, sink);
}

/** Sends GET /healthz with `requestId` to a fresh test app; resolves to the answer and the lines it logged. */
async function healthzWithRequestId(requestId: string) {
  const lines: Record<string, unknown>[] = [];
  const t = createTestApp({ logger: capturingLogger(lines) });
  await listenLocal(t.server);
  const res = await request(t.server).get('/healthz').set('X-Request-Id', requestId);
  await closeServer(t.server);
  return { res, lines };
}

describe('requestLogging', () => {
  it('writes one JSON line per request carrying the instance id, the request id, status and duration', async () => {
    // GIVEN a fresh app WHEN a request with an id is logged
    const { res, lines } = await healthzWithRequestId('req-42');
    // THEN
    expect(res.headers['x-request-id']).toBe('req-42');
    expect(lines).toContainEqual(
      expect.objectContaining({
        instanceId: 'i-test (test-1a)',
        reqId: 'req-42',
        method: 'GET',
        url: '/healthz',
        status: 200,
        ms: expect.any(Number),
        msg: 'request',
      }),
    );
  });

  it('replaces an upstream request id that could inject into logs', async () => {
    const { res, lines } = await healthzWithRequestId('two words; and=more');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((l) => l.reqId)).toEqual([res.headers['x-request-id']]);
  });
});
