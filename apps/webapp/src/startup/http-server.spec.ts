import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { drain, listen } from './http-server';

const TIMEOUTS = { keepAliveTimeoutMs: 60_000, headersTimeoutMs: 61_000, requestTimeoutMs: 120_000 };

describe('drain', () => {
  it('finishes an in-flight request on a keep-alive connection, then closes without waiting for the keep-alive timeout', async () => {
    // GIVEN a request in flight on a keep-alive connection
    let finish: () => void = () => undefined;
    const server = await listen(
      (_req, res) => {
        finish = () => res.end('done');
      },
      { port: 0, host: '127.0.0.1' },
      TIMEOUTS,
    );
    const agent = new http.Agent({ keepAlive: true });
    const answered = new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, agent }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve(body));
        })
        .on('error', reject);
    });
    await new Promise((resolve) => server.once('request', resolve));

    // WHEN the server drains while the request is still running
    const drained = drain(server, 30_000);
    finish();

    // THEN the request completes and the drain reports success instead of cutting the idle socket at the deadline
    expect(await answered).toBe('done');
    expect(await drained).toBe(true);
    agent.destroy();
  });

  it('cuts a request that outlives the deadline and reports it', async () => {
    const server = await listen(() => undefined, { port: 0, host: '127.0.0.1' }, TIMEOUTS);
    const request = http.get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, agent: false });
    const failed = new Promise((resolve) => request.on('error', resolve));
    await new Promise((resolve) => server.once('request', resolve));
    expect(await drain(server, 50)).toBe(false);
    expect(await failed).toMatchObject({ code: 'ECONNRESET' });
  });
});
