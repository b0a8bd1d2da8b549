import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { tempDir } from '@ha-uploads/terraform-toolbox/testing';
import { type AutoScalingStandIn, startAutoScalingStandIn } from '@ha-uploads/terraform-toolbox/testing';
import { type StsStandIn, startStsStandIn } from '@ha-uploads/terraform-toolbox/testing';

// The real `infra:deploy` entry point in a child process (the SDK's credential chain reads the process environment),
// against a loopback STS and Auto Scaling. A stand-in cdktf records how the command would continue and writes the
// outputs a real deploy would.
const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const ARN = 'arn:aws:iam::123456789012:user/deployer';

let sts: StsStandIn;
let autoScaling: AutoScalingStandIn;
let fakeCdktf: string;
let home: string;

beforeAll(async () => {
  sts = await startStsStandIn(ACCESS_KEY, ARN);
  autoScaling = await startAutoScalingStandIn({
    groupName: 'dev-web-1',
    groupVersion: '2',
    instances: [{ id: 'i-1', version: '2' }],
    refreshes: [{ id: 'r-1', status: 'Successful', percentageComplete: 100 }],
  });
  const dir = tempDir('fake-cdktf');
  fakeCdktf = join(dir, 'cdktf');
  const instanceRefresh = {
    strategy: 'Rolling',
    desired_configuration: { launch_template: { id: 'lt-0standin', version: '2' } },
    preferences: { min_healthy_percentage: 100, max_healthy_percentage: 200, auto_rollback: true, skip_matching: true },
  };
  const outputs = JSON.stringify({
    'ha-uploads-dev': {
      autoScalingGroup: 'dev-web-1',
      launchTemplateVersion: 2,
      instanceRefresh: JSON.stringify(instanceRefresh),
    },
  });
  writeFileSync(
    fakeCdktf,
    [
      '#!/bin/sh',
      'echo "cdktf $*"',
      'echo "cli config: $TF_CLI_CONFIG_FILE"',
      `for a in "$@"; do case "$a" in --outputs-file=*) f="\${a#--outputs-file=}"; mkdir -p "$(dirname "$f")"; echo '${outputs}' > "$f";; esac; done`,
      '',
    ].join('\n'),
  );
  chmodSync(fakeCdktf, 0o755);
  home = tempDir('home');
});

afterAll(async () => {
  await sts.close();
  await autoScaling.close();
});

function runInfraCommand(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/infra/src/cli/main.ts', ...args], {
    cwd: WORKSPACE_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_STS: sts.endpoint,
      AWS_ENDPOINT_URL_AUTO_SCALING: autoScaling.endpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TF_CLI_CONFIG_FILE: join(home, '.terraformrc'), // missing, as on a machine whose image sets it
      TF_PLUGIN_CACHE_DIR: join(home, 'plugins'),
      INFRA_CDKTF_BIN: fakeCdktf,
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: ACCESS_KEY,
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

describe('infra:deploy preflight', () => {
  it('prints the account, region and environment, runs cdktf for the stack with a CLI config that exists, then waits for the refresh', async () => {
    // WHEN
    const result = await runInfraCommand(['deploy', '--env=dev', '--auto-approve'], CREDENTIALS);
    // THEN
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`account 123456789012 (${ARN}), region us-east-1, environment dev\n`);
    expect(result.stdout).toContain(
      'cdktf deploy ha-uploads-dev --outputs-file=cdktf.out/deploy-outputs.json --auto-approve\n',
    );
    expect(result.stdout).toContain(
      'deployed: 1/1 in-service instances run launch template version 2; after r-1 ended Successful',
    );
    expect(result.stdout).toContain(`cli config: ${join(WORKSPACE_ROOT, 'tmp', 'terraform.tfrc')}\n`);
  });

  it('stops without credentials, in one line that says what to set', async () => {
    // WHEN
    const calls = sts.calls();
    const result = await runInfraCommand(['diff'], {});
    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'no AWS credentials found (Could not load credentials from any providers); set AWS_PROFILE (after `aws sso login` or `aws configure`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\n',
    );
    expect(result.stdout).not.toContain('cdktf');
    expect(sts.calls()).toBe(calls);
  });

  it('stops when AWS_REGION differs from the environment file, naming both', async () => {
    const result = await runInfraCommand(['destroy'], { ...CREDENTIALS, AWS_REGION: 'eu-west-1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'region mismatch: AWS_REGION is "eu-west-1" but apps/infra/environments/dev.json deploys to "us-east-1"; set AWS_REGION=us-east-1 or choose the environment of that region\n',
    );
  });

  it('stops when STS rejects the credentials', async () => {
    const result = await runInfraCommand(['deploy'], { ...CREDENTIALS, AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNEXAMPLE00' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^AWS did not accept the credentials \(InvalidClientTokenId: The security token included in the request is invalid\.\); refresh them or set AWS_PROFILE/,
    );
    expect(result.stdout).not.toContain('cdktf');
  });

  it('blames the network, not the credentials, when the STS endpoint does not answer', async () => {
    // GIVEN a loopback port nothing listens on
    const closed = createServer();
    await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
    const { port } = closed.address() as AddressInfo;
    await new Promise((closing) => closed.close(closing));
    // WHEN
    const result = await runInfraCommand(['deploy'], {
      ...CREDENTIALS,
      AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${port}`,
    });
    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `could not reach the STS endpoint 127.0.0.1:${port} (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}); check the network connection and proxy, or AWS_ENDPOINT_URL_STS\n`,
    );
    expect(result.stdout).not.toContain('cdktf');
  });

  it('refuses an unknown environment in one line before any AWS call, as a usage error', async () => {
    const result = await runInfraCommand(['deploy', '--env=staging'], CREDENTIALS);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^unknown environment "staging" \(--env\): expected one of dev, prod, the files in \S+\n$/,
    );
  });

  it('refuses an unknown command in one line, as a usage error', async () => {
    const result = await runInfraCommand(['apply'], CREDENTIALS);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'unknown infra command "apply": expected one of synth, deploy, diff, destroy, bootstrap-state, output\n',
    );
  });

  it('prints the usage for --help and exits 0 without any AWS call', async () => {
    const calls = sts.calls();
    const result = await runInfraCommand(['deploy', '--help'], CREDENTIALS);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: nx run infra:<command>/);
    expect(sts.calls()).toBe(calls);
  });
});
