import { UsageError } from '@ha-uploads/process';
import { testDeploymentConfig } from '@ha-uploads/terraform-toolbox/testing';
import { cdktfInvocation, cdktfOutputEnv, parseInfraCommand } from './infra-command';

describe('cdktfInvocation', () => {
  it('names the stack, checks the account before a deploy and waits for its instance refresh', () => {
    expect(cdktfInvocation('deploy', testDeploymentConfig(), 'test.json', ['--auto-approve'])).toEqual({
      args: ['deploy', 'ha-uploads-test', '--outputs-file=cdktf.out/deploy-outputs.json', '--auto-approve'],
      preflight: true,
      refreshOutputsFile: 'cdktf.out/deploy-outputs.json',
    });
  });

  it('reads outputs without checking the account', () => {
    expect(cdktfInvocation('output', testDeploymentConfig(), 'test.json', [])).toEqual({
      args: ['output', 'ha-uploads-test'],
      preflight: false,
    });
  });

  it('synthesizes every stack without checking the account', () => {
    expect(cdktfInvocation('synth', testDeploymentConfig(), 'test.json', [])).toEqual({
      args: ['synth', '--check-code-maker-output=false'],
      preflight: false,
    });
  });

  it('deploys the state bucket stack for bootstrap-state', () => {
    expect(
      cdktfInvocation('bootstrap-state', testDeploymentConfig({ stateBucket: 'acme-state' }), 'test.json', []),
    ).toEqual({
      args: ['deploy', 'ha-uploads-test-state'],
      preflight: true,
    });
  });

  it('refuses bootstrap-state for an environment without a state bucket, saying what to add', () => {
    expect(() => cdktfInvocation('bootstrap-state', testDeploymentConfig(), 'test.json', [])).toThrow(
      'test.json names no stateBucket; add "stateBucket"',
    );
  });
});

describe('parseInfraCommand', () => {
  it('names an unknown command and the known ones, as a usage error', () => {
    expect(() => parseInfraCommand('apply')).toThrow(UsageError);
    expect(() => parseInfraCommand('apply')).toThrow(
      'unknown infra command "apply": expected one of synth, deploy, diff, destroy, bootstrap-state, output',
    );
  });
});

describe('cdktfOutputEnv', () => {
  it('puts cdktf in CI mode when the output is not a terminal, so no spinner frames reach a log', () => {
    expect(cdktfOutputEnv(false)).toEqual({ CI: 'true' });
  });

  it('leaves a terminal its spinner', () => {
    expect(cdktfOutputEnv(true)).toEqual({});
  });
});
