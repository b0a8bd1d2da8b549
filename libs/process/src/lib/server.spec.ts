import { Agent, createServer, request } from 'node:http';
import { closeServer, listen } from './server';

describe('listen', () => {
  it('resolves to the free port it bound when asked for port 0', async () => {
    // GIVEN
    const server = createServer((_req, res) => res.end('ok'));
    // WHEN
    const port = await listen(server, 0, '127.0.0.1');
    // THEN
    expect(port).toBeGreaterThan(0);
    await closeServer(server);
  });

  it('rejects when the port is taken, instead of emitting an unhandled error', async () => {
    const first = createServer();
    const port = await listen(first, 0, '127.0.0.1');
    await expect(listen(createServer(), port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await closeServer(first);
  });
});

describe('closeServer', () => {
  it('closes a server with an idle keep-alive connection without waiting for it', async () => {
    // GIVEN a client that keeps its connection open after a response
    const server = createServer((_req, res) => res.end('ok'));
    server.keepAliveTimeout = 600_000;
    const port = await listen(server, 0, '127.0.0.1');
    await new Promise<void>((resolve) => {
      request({ port, host: '127.0.0.1', agent: new Agent({ keepAlive: true }) }, (res) => {
        res.resume();
        res.once('end', resolve);
      }).end();
    });
    // WHEN / THEN it resolves (the test would time out if close() waited for the socket)
    await expect(closeServer(server)).resolves.toBeUndefined();
    expect(server.listening).toBe(false);
  });

  it('resolves for a server that is not listening', async () => {
    await expect(closeServer(createServer())).resolves.toBeUndefined();
  });
});
