import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LaunchedInstance } from '../cluster/auto-scaling-group';

/** An in-process stand-in for a webapp instance: /healthz as told, /slow?ms=N answers late, anything else its id. */
export interface FakeInstance extends LaunchedInstance {
  healthy: boolean;
  /** Closes the server at once: the instance is gone. */
  crash(): Promise<void>;
  /** Whether stop() (SIGTERM) was called. */
  readonly terminated: boolean;
  /** How many /slow requests it is serving now, so a spec can wait until they arrived. */
  readonly slowInFlight: number;
}

/** Starts a fake instance on a free loopback port. */
export async function startFakeInstance(id: string, options: { healthy?: boolean } = {}): Promise<FakeInstance> {
  const state = { healthy: options.healthy ?? true, terminated: false, slowInFlight: 0 };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/healthz') return void res.writeHead(state.healthy ? 200 : 503).end();
    const slow = url.pathname === '/slow';
    if (slow) state.slowInFlight += 1;
    void sleep(slow ? Number(url.searchParams.get('ms')) : 0).then(() => {
      if (slow) state.slowInFlight -= 1;
      res.writeHead(200, { 'x-served-by': id }).end(id);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let markExited: (how: string) => void = () => undefined;
  const exited = new Promise<string>((resolve) => (markExited = resolve));
  const close = (how: string) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }).then(() => markExited(how));
  return {
    id,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pid: process.pid,
    exited,
    get healthy() {
      return state.healthy;
    },
    set healthy(value: boolean) {
      state.healthy = value;
    },
    get terminated() {
      return state.terminated;
    },
    get slowInFlight() {
      return state.slowInFlight;
    },
    async stop() {
      state.terminated = true;
      await close('code 0');
    },
    crash: () => close('signal SIGKILL'),
  };
}
