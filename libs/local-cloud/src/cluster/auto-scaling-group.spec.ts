import { eventually } from '@ha-uploads/process/testing';
import { startFakeInstance, type FakeInstance } from '../testing/fake-instance';
import { AutoScalingGroup } from './auto-scaling-group';
import { refreshInstances } from './instance-refresh';
import { createLoadBalancer, type LoadBalancer } from './load-balancer';

// Short timings keep the spec fast; the rules (2 failures out, first success in, drain then SIGTERM) are the ALB's.
const HEALTH = {
  healthCheck: { intervalMs: 100, timeoutMs: 80 },
  thresholds: { healthyThreshold: 2, unhealthyThreshold: 2 },
};

let balancer: LoadBalancer;
let group: AutoScalingGroup;
let url: string;
let lines: string[];
let launched: Map<string, FakeInstance>;
/** Whether the next instances launched answer their health checks. */
let launchHealthy: boolean;

async function startGroup(
  options: { capacity?: number; graceMs?: number; deregistrationDelayMs?: number } = {},
): Promise<void> {
  balancer = createLoadBalancer({ ...HEALTH, deregistrationDelayMs: options.deregistrationDelayMs ?? 1_000 });
  group = new AutoScalingGroup({
    balancer,
    desiredCapacity: options.capacity ?? 2,
    healthCheckGracePeriodMs: options.graceMs ?? 1_000,
    log: (line) => lines.push(line),
    launch: async (id) => {
      const instance = await startFakeInstance(id, { healthy: launchHealthy });
      launched.set(id, instance);
      return instance;
    },
  });
  await group.start();
  url = await balancer.listen(0);
}

const inService = () =>
  group
    .instances()
    .filter((i) => i.lifecycle === 'in-service')
    .map((i) => i.id);

beforeEach(() => {
  lines = [];
  launched = new Map();
  launchHealthy = true;
});

afterEach(async () => {
  await balancer?.close();
  await group?.stop();
});

describe('the local Auto Scaling group', () => {
  it('gives every instance a new id and never reuses one', async () => {
    // GIVEN two instances
    await startGroup();
    expect(inService()).toEqual(['web-1', 'web-2']);
    // WHEN web-1 dies
    await launched.get('web-1')?.crash();
    // THEN its replacement is web-3
    await eventually(() => expect(inService()).toEqual(['web-2', 'web-3']));
  });

  it('logs target health the way the ALB reports it: initial, healthy, unhealthy with the reason, draining', async () => {
    await startGroup();
    await launched.get('web-2')?.crash();
    await eventually(() =>
      expect(lines).toContain(
        'target web-2 ' +
          new URL(launched.get('web-2')?.url ?? '').host +
          ': unhealthy -> draining (Target.DeregistrationInProgress)',
      ),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^target web-1 127\.0\.0\.1:\d+: unused -> initial \(Elb\.RegistrationInProgress\)$/),
        expect.stringMatching(/^target web-1 127\.0\.0\.1:\d+: initial -> healthy$/),
        expect.stringMatching(
          /^target web-2 127\.0\.0\.1:\d+: healthy -> unhealthy \(Target\.FailedHealthChecks: ECONNREFUSED\)$/,
        ),
        expect.stringMatching(/^web-2 \(pid \d+\) exited unexpectedly \(signal SIGKILL\); launching a replacement$/),
      ]),
    );
  });

  it('keeps sending a dead target its share, answered 502, until the health checks take it out', async () => {
    // GIVEN slow health checks, so the dead target stays registered for a while
    balancer = createLoadBalancer({
      healthCheck: { intervalMs: 60_000, timeoutMs: 1_000 },
      deregistrationDelayMs: 1_000,
    });
    group = new AutoScalingGroup({
      balancer,
      desiredCapacity: 2,
      healthCheckGracePeriodMs: 1_000,
      launch: (id) => startFakeInstance(id).then((i) => (launched.set(id, i), i)),
    });
    const started = group.start();
    await eventually(async () => {
      await balancer.checkHealth();
      expect(balancer.healthyTargets()).toHaveLength(2);
    });
    await started;
    url = await balancer.listen(0);
    // WHEN web-1 dies
    await launched.get('web-1')?.crash();
    // THEN requests still reach it and fail with 502 until two checks have failed
    const before = await Promise.all([fetch(url), fetch(url)]).then((r) => r.map((res) => res.status));
    expect(before.sort()).toEqual([200, 502]);
    await balancer.checkHealth();
    await balancer.checkHealth();
    const after = await Promise.all([fetch(url), fetch(url)]).then((r) => r.map((res) => res.status));
    expect(after).toEqual([200, 200]);
  });

  it('replaces an instance that fails its health checks once the grace period is over', async () => {
    await startGroup({ graceMs: 1_000 });
    // WHEN web-1 stops passing its checks
    (launched.get('web-1') as FakeInstance).healthy = false;
    // THEN it is replaced by web-3 and terminated with SIGTERM
    await eventually(() => expect(inService()).toEqual(['web-2', 'web-3']));
    await eventually(() => expect(launched.get('web-1')?.terminated).toBe(true));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^web-1 failed its health checks \(Target\.ResponseCodeMismatch: health check answered 503\); replacing it$/,
      ),
    );
  });

  it('leaves an unhealthy instance alone during its grace period', async () => {
    await startGroup({ graceMs: 60_000 });
    (launched.get('web-1') as FakeInstance).healthy = false;
    await eventually(() => expect(balancer.targetState('web-1')).toBe('unhealthy'));
    await balancer.checkHealth();
    expect([launched.size, launched.get('web-1')?.terminated]).toEqual([2, false]);
  });

  it('rolls every instance one at a time, never below the capacity in service', async () => {
    await startGroup();
    let fewest = Infinity;
    const sampler = setInterval(() => (fewest = Math.min(fewest, balancer.healthyTargets().length)), 5);
    // WHEN the group is refreshed with the defaults (min healthy 100%)
    const result = await refreshInstances(group, {}, () => undefined).finally(() => clearInterval(sampler));
    // THEN every old instance was replaced by a new one, and 2 were always in rotation
    expect(result).toEqual({
      replaced: ['web-1', 'web-2'],
      launched: ['web-3', 'web-4'],
      durationMs: expect.any(Number),
    });
    expect(inService()).toEqual(['web-3', 'web-4']);
    expect([launched.get('web-1')?.terminated, launched.get('web-2')?.terminated, fewest]).toEqual([true, true, 2]);
  });

  it('with min healthy 50% and max 100%, terminates first and keeps at least half in service', async () => {
    await startGroup();
    let fewest = Infinity;
    const sampler = setInterval(() => (fewest = Math.min(fewest, balancer.healthyTargets().length)), 5);
    const result = await refreshInstances(
      group,
      { minHealthyPercentage: 50, maxHealthyPercentage: 100 },
      () => undefined,
    ).finally(() => clearInterval(sampler));
    expect([result.replaced, result.launched, fewest]).toEqual([['web-1', 'web-2'], ['web-3', 'web-4'], 1]);
  });

  it('rolls back when a new instance never gets healthy: the old ones keep serving', async () => {
    await startGroup({ graceMs: 1_000 });
    // GIVEN new instances that never pass their checks
    launchHealthy = false;
    // WHEN the group is refreshed
    const roll = refreshInstances(group, {}, () => undefined);
    // THEN the refresh fails with the reason, terminates the new instance and leaves the old ones in service
    await expect(roll).rejects.toMatchObject({
      code: 'INSTANCE_NEVER_HEALTHY',
      message: expect.stringMatching(
        /^web-3 did not pass its health checks within the 1 s grace period \(target unhealthy: Target\.ResponseCodeMismatch/,
      ),
    });
    expect(inService()).toEqual(['web-1', 'web-2']);
    await eventually(() => expect(launched.get('web-3')?.terminated).toBe(true));
    expect(group.desiredCapacity).toBe(2);
  });

  it('skips an old instance lost during a roll, ending with the capacity and no extra instance', async () => {
    await startGroup();
    // GIVEN a roll under way
    const roll = refreshInstances(group, {}, () => undefined);
    await eventually(() => expect(launched.has('web-3')).toBe(true));
    // WHEN the other old instance dies meanwhile
    await launched.get('web-2')?.crash();
    // THEN the roll replaces only web-1, and the group ends with 2 instances in service
    const result = await roll;
    expect(result.replaced).toEqual(['web-1']);
    await eventually(() => expect([inService().length, group.instances().length]).toEqual([2, 2]));
  });

  it('refuses a second roll while one is under way, touching no instance', async () => {
    await startGroup();
    const first = refreshInstances(group, {}, () => undefined);
    await expect(refreshInstances(group, {}, () => undefined)).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'a roll is already under way; wait for it to finish',
    });
    await first;
    expect(launched.size).toBe(4);
  });

  it('refuses percentages out of range, naming the value', async () => {
    await startGroup();
    await expect(refreshInstances(group, { minHealthyPercentage: 101 }, () => undefined)).rejects.toThrow(
      'min healthy percentage must be a whole number from 0 to 100, got 101',
    );
    await expect(refreshInstances(group, { maxHealthyPercentage: 250 }, () => undefined)).rejects.toThrow(
      'max healthy percentage must be a whole number from 100 to 200, got 250',
    );
    await expect(
      refreshInstances(group, { minHealthyPercentage: 100, maxHealthyPercentage: 100 }, () => undefined),
    ).rejects.toThrow('min healthy 100% and max healthy 100% of 2 instances leave no room to replace one');
  });

  it('scales in by draining: a request in flight finishes before the instance gets SIGTERM', async () => {
    await startGroup({ capacity: 2, deregistrationDelayMs: 5_000 });
    // GIVEN a slow request in flight on each instance
    const slow = [fetch(`${url}/slow?ms=400`), fetch(`${url}/slow?ms=400`)];
    await eventually(() => expect(group.instances().length).toBe(2));
    // WHEN the group scales in to 1
    await group.scaleTo(1);
    // THEN both requests succeeded and one instance was terminated after its request ended
    expect(await Promise.all(slow.map((r) => r.then((res) => res.status)))).toEqual([200, 200]);
    expect(inService()).toHaveLength(1);
    expect([...launched.values()].filter((i) => i.terminated)).toHaveLength(1);
  });

  it('cuts a request still in flight when the deregistration delay runs out, as the ALB does', async () => {
    await startGroup({ capacity: 2, deregistrationDelayMs: 200 });
    const slow = [fetch(`${url}/slow?ms=3000`), fetch(`${url}/slow?ms=3000`)].map((r) =>
      r
        .then((res) => res.text())
        .then(
          () => 'ok',
          () => 'cut',
        ),
    );
    await eventually(() => expect([...launched.values()].reduce((sum, i) => sum + i.slowInFlight, 0)).toBe(2));
    await group.scaleTo(1);
    expect((await Promise.all(slow)).sort()).toEqual(['cut', 'ok']);
    expect(lines).toContainEqual(
      expect.stringMatching(/drained, 1 requests still in flight were cut; sending SIGTERM$/),
    );
  });
});
