import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configProblemsOf } from '../testing/config-problems';
import { loadDeploymentConfigFile } from './deployment-config-file';

const dir = mkdtempSync(join(tmpdir(), 'deployment-config-'));
const write = (name: string, body: unknown) => writeFileSync(join(dir, `${name}.json`), JSON.stringify(body));
write('dev', {
  environment: 'dev',
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  stickySessions: true,
});
write('misnamed', { environment: 'other', region: 'us-east-1', availabilityZones: ['us-east-1a', 'us-east-1b'] });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDeploymentConfigFile', () => {
  it('reads an environment file with its settings', () => {
    expect(loadDeploymentConfigFile(dir, 'dev')).toMatchObject({ environment: 'dev', stickySessions: true });
  });

  it('applies the environment overrides on top of the file', () => {
    expect(loadDeploymentConfigFile(dir, 'dev', { STICKY_SESSIONS: 'false' }).stickySessions).toBe(false);
  });

  it('rejects a name that is not a plain file name', () => {
    expect(configProblemsOf(() => loadDeploymentConfigFile(dir, '../dev'))).toContain('DEPLOY_ENV: must name a file');
  });

  it('names a missing file', () => {
    expect(configProblemsOf(() => loadDeploymentConfigFile(dir, 'staging'))).toContain('staging.json');
  });

  it('rejects a file whose environment field does not match its name', () => {
    expect(configProblemsOf(() => loadDeploymentConfigFile(dir, 'misnamed'))).toContain(
      'environment: must match the file name "misnamed", got "other"',
    );
  });
});
