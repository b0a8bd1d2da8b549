import { createHash } from 'node:crypto';
import { unhealthyDetectionSeconds, TARGET_HEALTH_CHECK } from '@ha-uploads/config';
import { startTestBackends, type TestBackends } from '@ha-uploads/storage/testing';
import { runClusterControl, type CliRun, startTestCluster, type TestCluster } from '@ha-uploads/local-cloud/testing';
import {
  eventually,
  failures,
  startMixedLoad,
  type AcceptedUpload,
  type LoadRecord,
  type MixedLoad,
} from '@ha-uploads/process/testing';

// Shorter checks than the ALB's 5 s keep the run short; the rules are the ALB's: a dead target keeps its share
// (502) until `unhealthyThreshold` checks in a row fail. The bounds below are derived from these numbers.
const HEALTH_CHECK = { intervalMs: 2_000, timeoutMs: 1_500 };
const DETECTION_MS =
  unhealthyDetectionSeconds({
    intervalSeconds: 2,
    timeoutSeconds: 1.5,
    unhealthyThreshold: TARGET_HEALTH_CHECK.unhealthyThreshold,
  }) * 1_000;
const GRACE_MS = 60_000;

interface Phase {
  readonly startMs: number;
  readonly endMs: number;
}

let backends: TestBackends;
let cluster: TestCluster;
let load: MixedLoad;
const phases: Record<string, Phase> = {};
const cli: Record<string, CliRun> = {};
let kill: {
  victim: string;
  killedMs: number;
  outOfRotationMs: number;
  reason?: string;
  replacement: string;
  replacementServedMs: number;
};
let listedIds: Set<string>;
let corrupted: AcceptedUpload[];

async function phase(name: string, run: () => Promise<void>): Promise<void> {
  const startMs = load.now();
  await run();
  phases[name] = { startMs, endMs: load.now() };
}

const roll = () => runClusterControl(['roll', `--data-dir=${cluster.dataDir}`]);
const inRotation = () =>
  cluster.group
    .instances()
    .filter((i) => i.lifecycle === 'in-service' && i.targetHealth === 'healthy')
    .map((i) => i.id);
// A failure belongs to the phase it ended in: a request cut by the kill may have started during the roll before it.
const failedDuring = (p: Phase) => failures(load.records).filter((r) => r.endedMs >= p.startMs && r.endedMs <= p.endMs);
const describeFailure = (r: LoadRecord) => `${r.op} at ${(r.endedMs / 1000).toFixed(1)} s: ${r.failure}`;

// One run for the whole file, under one steady load: starting real processes is the slow part; each test reads a phase.
beforeAll(async () => {
  backends = await startTestBackends();
  cluster = await startTestCluster(backends, {
    instances: 3,
    healthCheck: HEALTH_CHECK,
    healthCheckGracePeriodMs: GRACE_MS,
    // The infra's default: deregistration ends as soon as nothing is in flight, so it costs only what it must.
    deregistrationDelayMs: 30_000,
    env: { SWEEP_INTERVAL_SECONDS: '0' },
  });
  load = startMixedLoad(cluster.url, { clients: 8, maxDurationMs: 540_000 });
  await eventually(() => expect(load.records.length).toBeGreaterThanOrEqual(30), { timeoutMs: 60_000 });

  await phase('rolls', async () => {
    cli.roll1 = await roll();
    const second = roll();
    // A second roll while one is under way is refused.
    await eventually(() => expect(cluster.group.operation).toBe('roll'), { timeoutMs: 30_000 });
    cli.concurrent = await roll();
    cli.roll2 = await second;
  });

  await phase('kill', async () => {
    const victim = inRotation()[0];
    let outOfRotationMs = Infinity;
    let reason: string | undefined;
    cluster.balancer.onTargetHealth((change) => {
      if (change.target.id !== victim || change.from !== 'healthy' || outOfRotationMs !== Infinity) return;
      outOfRotationMs = load.now();
      reason = change.reason;
    });
    const before = new Set(cluster.processes.keys());
    const killedMs = load.now();
    await cluster.processes.get(victim)?.kill();
    const replacement = await eventually(
      () => {
        const fresh = inRotation().find((id) => !before.has(id));
        expect(fresh).toBeDefined();
        return fresh as string;
      },
      { timeoutMs: GRACE_MS },
    );
    const served = await eventually(
      () => {
        const record = load.records.find((r) => r.servedBy === replacement && r.endedMs > killedMs);
        expect(record).toBeDefined();
        return record as LoadRecord;
      },
      { timeoutMs: 30_000 },
    );
    // Keep the load on for another detection window: no failure may come after the target left rotation.
    await new Promise((resolve) => setTimeout(resolve, DETECTION_MS));
    kill = { victim, killedMs, outOfRotationMs, reason, replacement, replacementServedMs: served.endedMs };
  });

  await phase('scaleIn', async () => {
    cli.scaleIn = await runClusterControl(['scale', '--instances=2', `--data-dir=${cluster.dataDir}`]);
  });
  await phase('after', () => new Promise((resolve) => setTimeout(resolve, 2_000)));
  await load.stop();

  listedIds = await listAll(cluster.url);
  corrupted = [];
  for (const upload of load.uploads) {
    const res = await fetch(`${cluster.url}/files/${upload.id}`);
    const digest = createHash('sha256')
      .update(Buffer.from(await res.arrayBuffer()))
      .digest('hex');
    if (res.status !== 200 || digest !== upload.sha256) corrupted.push(upload);
  }
  report();
}, 600_000);

afterAll(async () => {
  await load?.stop();
  await cluster?.stop();
  await backends?.stop();
});

async function listAll(url: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = (await (await fetch(`${url}/api/files?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json()) as {
      files: { id: string }[];
      nextCursor: string | null;
    };
    for (const file of page.files) ids.add(file.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

function report(): void {
  const killFailures = failedDuring(phases.kill);
  const last = killFailures.at(-1);
  console.log(
    [
      `fleet operations under load: ${load.records.length} requests, ${load.uploads.length} uploads accepted`,
      `rolls (2 x 3 instances): ${((phases.rolls.endMs - phases.rolls.startMs) / 1000).toFixed(1)} s, ${failedDuring(phases.rolls).length} failed`,
      `kill -9 ${kill.victim}: ${killFailures.length} failed, last ${last ? ((last.endedMs - kill.killedMs) / 1000).toFixed(1) : '-'} s after the kill;` +
        ` out of rotation after ${((kill.outOfRotationMs - kill.killedMs) / 1000).toFixed(1)} s (detection window ${DETECTION_MS / 1000} s);` +
        ` replacement ${kill.replacement} served after ${((kill.replacementServedMs - kill.killedMs) / 1000).toFixed(1)} s`,
      `scale in 3 -> 2: ${failedDuring(phases.scaleIn).length} failed`,
      ...killFailures.map(describeFailure),
      ...cluster.lines,
    ].join('\n'),
  );
}

describe('the fleet under a steady mixed load', () => {
  it('rolls every instance twice with zero failed requests', () => {
    expect([cli.roll1.code, cli.roll2.code]).toEqual([0, 0]);
    expect(cli.roll1.stdout).toMatch(/roll: 3 of 3 replaced/);
    expect(failedDuring(phases.rolls).map(describeFailure)).toEqual([]);
  });

  it('refuses a second roll while one is under way, with a clear message and a non-zero exit', () => {
    expect(cli.concurrent.code).not.toBe(0);
    expect(cli.concurrent.stderr).toContain(
      'roll failed (OPERATION_IN_PROGRESS): a roll is already under way; wait for it to finish',
    );
  });

  it('served real traffic of every kind during the rolls', () => {
    const during = load.records.filter((r) => r.startedMs >= phases.rolls.startMs && r.endedMs <= phases.rolls.endMs);
    expect(new Set(during.map((r) => r.op))).toEqual(new Set(['page', 'listing', 'upload', 'download']));
  });

  it('after kill -9, fails only requests that reached the dead target before the health checks took it out', () => {
    expect(kill.reason).toMatch(/^Target\.(FailedHealthChecks|Timeout)/);
    for (const failure of failedDuring(phases.kill)) {
      expect(failure.startedMs).toBeLessThanOrEqual(kill.outOfRotationMs);
    }
    expect(
      failures(load.records)
        .filter((r) => r.startedMs > kill.outOfRotationMs)
        .map(describeFailure),
    ).toEqual([]);
  });

  it('takes the dead target out within the detection window derived from the health-check settings', () => {
    // One extra interval: a check round already under way at the kill may still have passed.
    expect(kill.outOfRotationMs - kill.killedMs).toBeLessThanOrEqual(DETECTION_MS + HEALTH_CHECK.intervalMs);
    const last = failedDuring(phases.kill).at(-1);
    if (last) expect(last.endedMs - kill.killedMs).toBeLessThanOrEqual(DETECTION_MS + HEALTH_CHECK.intervalMs);
  });

  it('replaces the dead instance with a new one that serves requests', () => {
    expect(kill.replacement).not.toBe(kill.victim);
    expect(cluster.lines).toContainEqual(expect.stringContaining(`${kill.victim} (pid`));
    expect(cluster.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`${kill.victim} \\(pid \\d+\\) exited unexpectedly \\(signal SIGKILL\\); launching a replacement`),
      ),
    );
    expect(kill.replacementServedMs).toBeGreaterThan(kill.killedMs);
  });

  it('scales in from 3 to 2 through the drain path with zero failed requests', () => {
    expect(cli.scaleIn.code).toBe(0);
    expect(cluster.group.instances().filter((i) => i.lifecycle === 'in-service')).toHaveLength(2);
    expect(failedDuring(phases.scaleIn).map(describeFailure)).toEqual([]);
  });

  it('never failed a request outside the kill', () => {
    const outside = failures(load.records).filter(
      (r) => r.endedMs < kill.killedMs || r.startedMs > kill.outOfRotationMs,
    );
    expect(outside.map(describeFailure)).toEqual([]);
  });

  it('lists every upload that got 201 and downloads it byte-identical', () => {
    expect(load.uploads.length).toBeGreaterThan(0);
    expect(load.uploads.filter((u) => !listedIds.has(u.id))).toEqual([]);
    expect(corrupted).toEqual([]);
  });

  it("keeps the instances' output, their EMF metric documents among it, with the cluster instead of on stdout", () => {
    expect(cluster.instanceOutput.filter((line) => line.includes('"_aws"')).length).toBeGreaterThan(0);
  });
});
