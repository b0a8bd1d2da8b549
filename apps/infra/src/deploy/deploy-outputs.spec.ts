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

describe('readDeployOutputs', () => {
  it('reads the group and the launch template version of the stack', () => {
    const file = write('ok.json', JSON.stringify({ 'ha-uploads-dev': { autoScalingGroup: 'dev-web-1', launchTemplateVersion: 7, url: 'http://x' } }));
    expect(readDeployOutputs(file, 'ha-uploads-dev')).toEqual({ autoScalingGroup: 'dev-web-1', launchTemplateVersion: '7' });
  });

  it('says how to produce a missing file', () => {
    expect(() => readDeployOutputs(join(dir, 'none.json'), 'ha-uploads-dev')).toThrow('run cdktf deploy with --outputs-file=');
  });

  it('names the stacks it found when the wanted one is absent', () => {
    const file = write('other.json', JSON.stringify({ 'ha-uploads-prod': {} }));
    expect(() => readDeployOutputs(file, 'ha-uploads-dev')).toThrow('have no stack "ha-uploads-dev", got ["ha-uploads-prod"]');
  });

  it('names a missing output', () => {
    const file = write('partial.json', JSON.stringify({ 'ha-uploads-dev': { launchTemplateVersion: 1 } }));
    expect(() => readDeployOutputs(file, 'ha-uploads-dev')).toThrow('lack autoScalingGroup, got undefined');
  });

  it('refuses a file that is not JSON', () => {
    expect(() => readDeployOutputs(write('bad.json', '{'), 'ha-uploads-dev')).toThrow('are not JSON');
  });
});
