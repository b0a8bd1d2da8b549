import { startFakeInstance } from '../testing/fake-instance';
import { AutoScalingGroup } from './auto-scaling-group';
import { startControlServer, type ControlServer } from './control-server';
import { createLoadBalancer, type LoadBalancer } from './load-balancer';

let balancer: LoadBalancer;
let group: AutoScalingGroup;
let control: ControlServer;
const token = 'control-token-for-tests';

beforeEach(async () => {
  balancer = createLoadBalancer({ healthCheck: { intervalMs: 100, timeoutMs: 80 }, deregistrationDelayMs: 1_000 });
  group = new AutoScalingGroup({
    balancer,
    desiredCapacity: 1,
    healthCheckGracePeriodMs: 10_000,
    launch: (id) => startFakeInstance(id),
  });
  await group.start();
  control = await startControlServer(group, { token, log: () => undefined });
});

afterEach(async () => {
  await control.close();
  await balancer.close();
  await group.stop();
});

const auth = { authorization: `Bearer ${token}` };

describe('the cluster control endpoint', () => {
  it('listens on loopback only', () => {
    expect(new URL(control.url).hostname).toBe('127.0.0.1');
  });

  it('refuses a call without the token, touching no instance', async () => {
    const res = await fetch(`${control.url}/roll`, { method: 'POST', body: '{}' });
    expect([res.status, ((await res.json()) as { code: string }).code, group.instances().map((i) => i.id)]).toEqual([
      401,
      'UNAUTHORIZED',
      ['web-1'],
    ]);
  });

  it('lists the instances with their id, port, pid and target health', async () => {
    const body = await (await fetch(`${control.url}/instances`, { headers: auth })).json();
    expect(body).toEqual({
      desiredCapacity: 1,
      instances: [
        {
          id: 'web-1',
          url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
          pid: process.pid,
          lifecycle: 'in-service',
          targetHealth: 'healthy',
        },
      ],
    });
  });

  it('refuses a second operation while one is under way with 409 OPERATION_IN_PROGRESS', async () => {
    // The roll's response starts with its first progress line, written once the roll is under way.
    const first = await fetch(`${control.url}/roll`, { method: 'POST', headers: auth, body: '{}' });
    const second = await fetch(`${control.url}/scale`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ instances: 2 }),
    });
    expect([second.status, ((await second.json()) as { code: string }).code]).toEqual([409, 'OPERATION_IN_PROGRESS']);
    const lines = (await first.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ ok: true, result: { replaced: ['web-1'], launched: ['web-2'] } });
  });

  it('refuses an instance count out of range, naming the value', async () => {
    const res = await fetch(`${control.url}/scale`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ instances: 0 }),
    });
    expect([res.status, await res.json()]).toEqual([
      400,
      { ok: false, code: 'INVALID_REQUEST', message: 'instances must be a whole number from 1 to 16, got 0' },
    ]);
  });
});
