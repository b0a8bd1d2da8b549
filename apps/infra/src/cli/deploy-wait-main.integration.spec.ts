import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type AutoScalingStandIn, startAutoScalingStandIn } from '@ha-uploads/terraform-toolbox/testing';

// The waiter's command line as `infra:deploy` runs it, against the loopback stand-in (through the SDK's standard
// AWS_ENDPOINT_URL_AUTO_SCALING), checking its exit code and what it prints.
const ROOT = resolve(__dirname, '../../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'infra-deploy-cli-'));
const outputsFile = join(dir, 'outputs.json');
const instanceRefresh = {
  strategy: 'Rolling',
  desired_configuration: { launch_template: { id: 'lt-0standin', version: '2' } },
  preferences: {
    min_healthy_percentage: 100,
    max_healthy_percentage: 200,
    auto_rollback: true,
    skip_matching: true,
    alarm_specification: { alarms: ['dev-target-5xx'] },
  },
};
writeFileSync(
  outputsFile,
  JSON.stringify({
    'ha-uploads-dev': {
      autoScalingGroup: 'dev-web-1',
      launchTemplateVersion: 2,
      instanceRefresh: JSON.stringify(instanceRefresh),
    },
  }),
);

let standIn: AutoScalingStandIn;

beforeEach(async () => {
  standIn = await startAutoScalingStandIn({
    groupName: 'dev-web-1',
    groupVersion: '2',
    instances: [{ id: 'i-1', version: '2' }],
    refreshes: [],
  });
});

afterEach(() => standIn.close());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runWaiter(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    DEPLOY_ENV: 'dev',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_AUTO_SCALING: standIn.endpoint,
  };
  return new Promise((done) => {
    execFile(
      TSX,
      [join(ROOT, 'apps/infra/src/cli/deploy-wait-main.ts'), ...args],
      { cwd: ROOT, env },
      (err, stdout, stderr) => {
        done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('the instance refresh waiter command', () => {
  it('exits 0 and says so when the refresh succeeded and the fleet runs the new version', async () => {
    // GIVEN
    standIn.state.refreshes = [{ id: 'r-1', status: 'Successful', percentageComplete: 100 }];
    // WHEN
    const { code, stdout } = await runWaiter(['--outputs-file', outputsFile]);
    // THEN
    expect(code).toBe(0);
    expect(stdout).toContain(
      'deployed: 1/1 in-service instances run launch template version 2; after r-1 ended Successful',
    );
    expect(stdout).toContain('no instance refresh started: dev-web-1 already runs launch template version 2');
    expect(standIn.requests.map((r) => r.Action)).toEqual([
      'DescribeAutoScalingGroups',
      'DescribeInstanceRefreshes',
      'DescribeAutoScalingGroups',
    ]);
  });

  it('starts the refresh to the new version with auto rollback, leaving the group on the old one until it succeeds', async () => {
    // GIVEN a fleet on version 1, and a refresh AWS will report done
    standIn.state.groupVersion = '1';
    standIn.state.instances = [{ id: 'i-0', version: '1' }];
    standIn.state.startedRefresh = { id: 'r-3', status: 'Successful', percentageComplete: 100 };
    // WHEN (the stand-in moves no instances, so the fleet is left on version 1)
    const { stdout } = await runWaiter(['--outputs-file', outputsFile]);
    // THEN
    expect(stdout).toContain('started instance refresh r-3 (auto rollback on)');
    expect(standIn.requests.find((r) => r.Action === 'StartInstanceRefresh')).toEqual(
      expect.objectContaining({
        AutoScalingGroupName: 'dev-web-1',
        Strategy: 'Rolling',
        'DesiredConfiguration.LaunchTemplate.LaunchTemplateId': 'lt-0standin',
        'DesiredConfiguration.LaunchTemplate.Version': '2',
        'Preferences.AutoRollback': 'true',
        'Preferences.SkipMatching': 'true',
        'Preferences.MinHealthyPercentage': '100',
        'Preferences.MaxHealthyPercentage': '200',
        'Preferences.AlarmSpecification.Alarms.member.1': 'dev-target-5xx',
      }),
    );
  });

  it('exits 1, naming the status, when the refresh rolled back', async () => {
    // GIVEN a refresh that AWS rolled back, leaving the fleet on version 1
    standIn.state.startedRefresh = {
      id: 'r-2',
      status: 'RollbackSuccessful',
      percentageComplete: 0,
      statusReason: 'alarm dev-target-5xx fired',
    };
    standIn.state.groupVersion = '1';
    standIn.state.instances = [{ id: 'i-0', version: '1' }];
    // WHEN
    const { code, stderr } = await runWaiter(['--outputs-file', outputsFile]);
    // THEN
    expect(code).toBe(1);
    expect(stderr).toContain(
      'instance refresh r-2: RollbackSuccessful 0% (alarm dev-target-5xx fired); 0/1 in-service instances run launch template version 2',
    );
  });

  it('exits 1 without calling AWS when the deploy wrote no outputs', async () => {
    const { code, stderr } = await runWaiter(['--outputs-file', join(dir, 'missing.json')]);
    expect(code).toBe(1);
    expect(stderr).toContain('no stack outputs at');
    expect(standIn.requests).toEqual([]);
  });
});
