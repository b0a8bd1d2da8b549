import { createServer, type Server } from 'node:http';
import { closeServer, listen } from '@ha-uploads/process';
import { createLoadBalancer, type LoadBalancer } from './load-balancer';

interface FakeInstance {
  readonly id: string;
  readonly url: string;
  healthy: boolean;
  close(): Promise<void>;
}

async function startFakeInstance(id: string): Promise<FakeInstance> {
  const state = { healthy: true };
  const server: Server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(state.healthy ? 200 : 500).end();
      return;
    }
    res.writeHead(200, { 'x-served-by': id, 'set-cookie': 'csrf=token; Path=/' }).end(id);
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    id,
    url: `http://127.0.0.1:${port}`,
    get healthy() {
      return state.healthy;
    },
    set healthy(value: boolean) {
      state.healthy = value;
    },
    close: () => closeServer(server),
  };
}

async function servedBy(url: string, cookie?: string): Promise<{ id: string; setCookie: string[] }> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  return { id: await res.text(), setCookie: res.headers.getSetCookie() };
}

describe('local load balancer', () => {
  let a: FakeInstance;
  let b: FakeInstance;
  let balancer: LoadBalancer;
  let url: string;

  async function startBalancer(stickyDurationSeconds?: number) {
    balancer = createLoadBalancer({
      targets: [a, b],
      stickyDurationSeconds,
      healthCheck: { intervalMs: 60_000 },
      thresholds: { healthyThreshold: 2, unhealthyThreshold: 2 },
    });
    url = await balancer.listen(0);
    await balancer.checkHealth();
  }

  beforeEach(async () => {
    a = await startFakeInstance('web-1');
    b = await startFakeInstance('web-2');
  });

  afterEach(async () => {
    await balancer?.close();
    await Promise.all([a.close(), b.close()]);
  });

  it('alternates between healthy instances without stickiness', async () => {
    await startBalancer();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await servedBy(url)).id);
    expect(ids).toEqual(['web-1', 'web-2', 'web-1', 'web-2']);
  });

  it('takes an instance out of rotation after failed health checks and puts it back on recovery', async () => {
    await startBalancer();
    b.healthy = false;
    await balancer.checkHealth();
    await balancer.checkHealth();
    expect(balancer.healthyTargets().map((t) => t.id)).toEqual(['web-1']);
    expect([(await servedBy(url)).id, (await servedBy(url)).id]).toEqual(['web-1', 'web-1']);

    b.healthy = true;
    await balancer.checkHealth();
    await balancer.checkHealth();
    expect(balancer.healthyTargets().map((t) => t.id)).toEqual(['web-1', 'web-2']);
  });

  it('keeps an instance in rotation after a single failed check', async () => {
    await startBalancer();
    b.healthy = false;
    await balancer.checkHealth();
    expect(balancer.healthyTargets()).toHaveLength(2);
  });

  it('answers 503 with a stable code when no instance is healthy', async () => {
    await startBalancer();
    a.healthy = false;
    b.healthy = false;
    await balancer.checkHealth();
    await balancer.checkHealth();
    const res = await fetch(url);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'NO_HEALTHY_TARGETS', message: expect.any(String) } });
  });

  it('answers 502 when the chosen instance is gone', async () => {
    await startBalancer();
    await b.close();
    const statuses = [(await fetch(url)).status, (await fetch(url)).status];
    expect(statuses).toContain(502);
  });

  it('pins a client to one instance with an AWSALB cookie when sticky', async () => {
    await startBalancer(3600);
    const first = await servedBy(url);
    const sticky = first.setCookie.find((c) => c.startsWith('AWSALB=')) ?? '';
    expect(sticky).toMatch(/Max-Age=3600/);
    const cookie = sticky.split(';')[0];
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await servedBy(url, cookie)).id);
    expect(new Set(ids)).toEqual(new Set([first.id]));
  });

  it("keeps the instance's own cookies next to the sticky one", async () => {
    await startBalancer(60);
    const { setCookie } = await servedBy(url);
    expect(setCookie).toEqual(expect.arrayContaining(['csrf=token; Path=/', expect.stringMatching(/^AWSALB=/)]));
  });

  it('moves a pinned client to a healthy instance when its own fails', async () => {
    await startBalancer(60);
    const first = await servedBy(url);
    const cookie = (first.setCookie.find((c) => c.startsWith('AWSALB=')) ?? '').split(';')[0];
    const pinned = first.id === 'web-1' ? a : b;
    pinned.healthy = false;
    await balancer.checkHealth();
    await balancer.checkHealth();
    expect((await servedBy(url, cookie)).id).not.toBe(first.id);
  });

  it('rejects a stickiness duration out of range, showing the value', () => {
    expect(() => createLoadBalancer({ targets: [a], stickyDurationSeconds: 0 })).toThrow(
      'stickiness duration must be between 1 and 604800 seconds, got 0',
    );
  });
});
