import { loadWebappConfig } from '@ha-uploads/config';
import { startTestBackends, type TestBackends } from '@ha-uploads/storage/testing';
import { startAppInstance, type AppInstance } from '../testing/reliability/app-instance';
import { eventually, MULTIPART_TYPE, filePartHead } from '@ha-uploads/process/testing';
import { startSlowClient, type SlowClient } from '../testing/reliability/slow-client';
import { storedItems, storedState } from '../testing/reliability/stored-state';

let backends: TestBackends;
let app: AppInstance;
let configured: AppInstance;
const clients: SlowClient[] = [];

beforeAll(async () => {
  backends = await startTestBackends();
  // Tiny timeouts so a slow client is cut within a second or two instead of a minute.
  app = await startAppInstance(backends, {
    instanceId: 'slow',
    timeouts: { headersTimeoutMs: 500, requestTimeoutMs: 1_500, keepAliveTimeoutMs: 400 },
  });
  configured = await startAppInstance(backends, { instanceId: 'configured' });
});

afterAll(async () => {
  for (const client of clients) client.stop();
  await Promise.all([app?.close(), configured?.close()]);
  await backends?.stop();
});

const slow = (head: string, piece: string) => {
  const client = startSlowClient(app.url, { head, piece, everyMs: 100 });
  clients.push(client);
  return client;
};

describe('slow clients', () => {
  it('listens with the configured header, request and keep-alive timeouts', () => {
    const config = loadWebappConfig(backends.env);
    const { headersTimeout, requestTimeout, keepAliveTimeout } = configured.server;
    expect([headersTimeout, requestTimeout, keepAliveTimeout]).toEqual([
      config.headersTimeoutMs,
      config.requestTimeoutMs,
      config.keepAliveTimeoutMs,
    ]);
  });

  it('cuts off a client that never finishes its headers with 408', async () => {
    const client = slow('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: y\r\n');
    expect(await client.closed).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it('cuts off a client that never finishes its body with 408, and stores nothing', async () => {
    // GIVEN an upload whose body arrives one byte every 100 ms
    const head = `POST /api/files HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${MULTIPART_TYPE}\r\nContent-Length: 100000\r\n\r\n`;
    const client = slow(head + filePartHead('slow.bin').toString('latin1'), 'x');
    await eventually(async () => expect(await storedItems(backends)).toHaveLength(1));
    // THEN the server gives up on it and the partial upload is cleaned up
    expect(await client.closed).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    await eventually(async () => expect(await storedState(backends)).toEqual({ items: [], objects: [] }));
  });
});
