import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeployOutputs } from './deploy-outputs';

const dir = mkdtempSync(join(tmpdir(), 'infra-deploy-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

const REFRESH = {
  strategy: 'Rolling',
  desired_configuration: { launch_template: { id: 'lt-1', version: '7' } },
  preferences: { min_healthy_percentage: 100, max_healthy_percentage: 200, auto_rollback: true, skip_matching: true },
};

describe('readDeployOutputs', () => {
  it('reads the group, the launch template version and the refresh to start', () => {
    const outputs = {
      autoScalingGroup: 'dev-web-1',
      launchTemplateVersion: 7,
      instanceRefresh: JSON.stringify(REFRESH),
      url: 'http://x',
    };
    const file = write('ok.json', JSON.stringify({ 'ha-uploads-dev': outputs }));
    expect(readDeployOutputs(file, 'ha-uploads-dev')).toEqual({
      autoScalingGroup: 'dev-web-1',
      launchTemplateVersion: '7',
      instanceRefresh: REFRESH,
    });
  });

  it('names a missing refresh', () => {
    const file = write(
      'no-refresh.json',
      JSON.stringify({ 'ha-uploads-dev': { autoScalingGroup: 'dev-web-1', launchTemplateVersion: 7 } }),
    );
    expect(() => readDeployOutputs(file, 'ha-uploads-dev')).toThrow(
      'stack outputs of ha-uploads-dev lack instanceRefresh (JSON with a desired launch template), got undefined',
    );
  });

  it('says how to produce a missing file', () => {
    expect(() => readDeployOutputs(join(dir, 'none.json'), 'ha-uploads-dev')).toThrow(
      'run cdktf deploy with --outputs-file=',
    );
  });

  it('names the stacks it found when the wanted one is absent', () => {
    const file = write('other.json', JSON.stringify({ 'ha-uploads-prod': {} }));
    expect(() => readDeployOutputs(file, 'ha-uploads-dev')).toThrow(
      'have no stack "ha-uploads-dev", got ["ha-uploads-prod"]',
    );
  });

  it('names a missing output', () => {
    const file = write('partial.json', JSON.stringify({ 'ha-uploads-dev': { launchTemplateVersion: 1 } }));
    expect(() => readDeployOutputs(file, 'ha-uploads-dev')).toThrow('lack autoScalingGroup, got undefined');
  });

  it('refuses a file that is not JSON', () => {
    expect(() => readDeployOutputs(write('bad.json', '{'), 'ha-uploads-dev')).toThrow('are not JSON');
  });
});
