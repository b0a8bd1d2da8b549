import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import {
  type AutoScalingStandIn,
  type StandInRefresh,
  type StandInState,
  startAutoScalingStandIn,
} from '../../testing/auto-scaling-stand-in';
import { type RefreshOutcome, waitForInstanceRefresh } from './wait-for-refresh';

// The real AWS SDK client against a loopback stand-in of the Auto Scaling Query API; time is a fake clock.
const GROUP = 'test-web-20261201';

let standIn: AutoScalingStandIn;
let client: AutoScalingClient;

function freshState(): StandInState {
  return {
    groupName: GROUP,
    groupVersion: '4',
    instances: [
      { id: 'i-new1', version: '4' },
      { id: 'i-new2', version: '4' },
    ],
    refreshes: [],
  };
}

beforeEach(async () => {
  standIn = await startAutoScalingStandIn(freshState());
  client = new AutoScalingClient({
    endpoint: standIn.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});

afterEach(async () => {
  client.destroy();
  await standIn.close();
});

/** Runs the waiter; each sleep advances the fake clock and moves the refresh to its next scripted state. */
async function run(timeline: StandInRefresh[], overrides: { timeoutMs?: number; group?: Partial<StandInState> } = {}) {
  const [first, ...later] = timeline;
  standIn.state.refreshes = first ? [first, { id: 'older', status: 'Successful' }] : [];
  Object.assign(standIn.state, overrides.group);
  let clock = 0;
  const sleeps: number[] = [];
  const lines: string[] = [];
  const outcome: RefreshOutcome = await waitForInstanceRefresh({
    client,
    groupName: GROUP,
    desiredVersion: '4',
    intervalMs: 10_000,
    timeoutMs: overrides.timeoutMs,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
      const next = later.shift();
      if (next) standIn.state.refreshes = [next, ...standIn.state.refreshes.slice(1)];
    },
    log: (line) => lines.push(line),
  });
  return { outcome, sleeps, lines };
}

const rolled: StandInRefresh[] = [
  { id: 'r-1', status: 'Pending', percentageComplete: 0, instancesToUpdate: 2 },
  { id: 'r-1', status: 'InProgress', percentageComplete: 0, instancesToUpdate: 2 },
  { id: 'r-1', status: 'InProgress', percentageComplete: 0, instancesToUpdate: 2 },
  { id: 'r-1', status: 'InProgress', percentageComplete: 50, instancesToUpdate: 1 },
  { id: 'r-1', status: 'Successful', percentageComplete: 100, instancesToUpdate: 0 },
];

describe('waitForInstanceRefresh', () => {
  it('follows a refresh to Successful and reports the fleet on the new version', async () => {
    // GIVEN a refresh that succeeds after four polls
    // WHEN
    const { outcome } = await run(rolled);
    // THEN
    expect(outcome.ok).toBe(true);
    expect(outcome.summary).toBe(
      'deployed: 2/2 in-service instances run launch template version 4; after r-1 ended Successful',
    );
  });

  it('prints the status and percentage each time they change, and once at the end', async () => {
    const { lines } = await run(rolled);
    expect(lines).toEqual([
      'instance refresh r-1: Pending 0%, 2 to update',
      'instance refresh r-1: InProgress 0%, 2 to update',
      'instance refresh r-1: InProgress 50%, 1 to update',
      'instance refresh r-1: Successful 100%, 0 to update',
    ]);
  });

  it('polls at the interval through the injected sleep, following the refresh by its id', async () => {
    // WHEN
    const { sleeps } = await run(rolled);
    // THEN
    expect(sleeps).toEqual([10_000, 10_000, 10_000, 10_000]);
    const refreshCalls = standIn.requests.filter((r) => r.Action === 'DescribeInstanceRefreshes');
    expect(refreshCalls[0]).toMatchObject({ AutoScalingGroupName: GROUP, MaxRecords: '1' });
    expect(refreshCalls.slice(1).every((r) => r['InstanceRefreshIds.member.1'] === 'r-1')).toBe(true);
  });

  it.each(['Failed', 'Cancelled', 'RollbackSuccessful', 'RollbackFailed'])(
    'is not ok when the refresh ends %s, naming the status and reason',
    async (status) => {
      // GIVEN a refresh that ends badly, leaving the fleet on the previous version
      const timeline: StandInRefresh[] = [
        { id: 'r-2', status: 'InProgress', percentageComplete: 0 },
        { id: 'r-2', status, percentageComplete: 0, statusReason: 'alarm test-alb-5xx is in ALARM' },
      ];
      // WHEN
      const { outcome } = await run(timeline, {
        group: {
          groupVersion: '3',
          instances: [
            { id: 'i-old1', version: '3' },
            { id: 'i-old2', version: '3' },
          ],
        },
      });
      // THEN
      expect(outcome.ok).toBe(false);
      expect(outcome.summary).toBe(
        `instance refresh r-2: ${status} 0% (alarm test-alb-5xx is in ALARM); 0/2 in-service instances run launch template version 4`,
      );
    },
  );

  it('is not ok when the refresh it followed rolled back, even onto the desired version', async () => {
    // GIVEN a rollback that restored the group's saved configuration, which the apply had already set to the new
    // version
    const timeline: StandInRefresh[] = [
      { id: 'r-7', status: 'RollbackInProgress', percentageComplete: 0 },
      {
        id: 'r-7',
        status: 'RollbackSuccessful',
        percentageComplete: 0,
        statusReason: 'alarm test-unhealthy-hosts is in ALARM',
      },
    ];
    // WHEN
    const { outcome } = await run(timeline);
    // THEN
    expect(outcome).toMatchObject({
      ok: false,
      summary: expect.stringContaining(
        'RollbackSuccessful 0% (alarm test-unhealthy-hosts is in ALARM); 2/2 in-service',
      ),
    });
  });

  it('is not ok when the refresh failed before the first poll', async () => {
    const { outcome, sleeps } = await run([{ id: 'r-3', status: 'Failed', statusReason: 'alarm already in ALARM' }], {
      group: { groupVersion: '3', instances: [{ id: 'i-old1', version: '3' }] },
    });
    expect(sleeps).toEqual([]);
    expect(outcome).toMatchObject({ ok: false, summary: expect.stringContaining('Failed') });
  });

  it('gives up after the timeout, reporting the last state', async () => {
    // GIVEN a refresh stuck in progress and a 30 s timeout
    const stuck = Array.from({ length: 10 }, (): StandInRefresh => ({
      id: 'r-4',
      status: 'InProgress',
      percentageComplete: 50,
    }));
    // WHEN
    const { outcome, sleeps } = await run(stuck, { timeoutMs: 30_000 });
    // THEN
    expect(sleeps).toHaveLength(3);
    expect(outcome).toMatchObject({ ok: false, summary: 'gave up after 30 s: instance refresh r-4: InProgress 50%' });
  });

  it('is ok without any refresh when the fleet already runs the desired version', async () => {
    const { outcome } = await run([]);
    expect(outcome).toMatchObject({
      ok: true,
      summary: 'deployed: 2/2 in-service instances run launch template version 4; no instance refresh was needed',
    });
  });

  it('ignores an earlier failed refresh that the fleet has moved past', async () => {
    const { outcome } = await run([{ id: 'r-5', status: 'RollbackSuccessful' }]);
    expect(outcome.ok).toBe(true);
  });

  it('is not ok when an instance still runs another version and no refresh failed', async () => {
    const { outcome } = await run([{ id: 'r-6', status: 'Successful', percentageComplete: 100 }], {
      group: {
        instances: [
          { id: 'i-new1', version: '4' },
          { id: 'i-old9', version: '3' },
        ],
      },
    });
    expect(outcome).toMatchObject({
      ok: false,
      summary:
        'not deployed: 1/2 in-service instances run launch template version 4 (the group launches version 4; outdated: i-old9 (version 3))',
    });
  });

  it('counts only in-service instances', async () => {
    const { outcome } = await run([], {
      group: {
        instances: [
          { id: 'i-new1', version: '4' },
          { id: 'i-old1', version: '3', lifecycleState: 'Terminating' },
        ],
      },
    });
    expect(outcome).toMatchObject({ ok: true, summary: expect.stringContaining('1/1 in-service instances') });
  });

  it('names a group that does not exist', async () => {
    await expect(
      waitForInstanceRefresh({
        client,
        groupName: 'missing',
        desiredVersion: '1',
        now: () => 0,
        sleep: async () => undefined,
        log: () => undefined,
      }),
    ).rejects.toThrow('auto scaling group "missing" does not exist in this account and region');
  });
});
