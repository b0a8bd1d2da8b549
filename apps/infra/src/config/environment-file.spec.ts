import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configProblemsOf } from '@ha-uploads/config/testing';
import { tempDir } from '@ha-uploads/terraform-toolbox/testing';
import { loadEnvironmentConfig } from './environment-file';

describe('loadEnvironmentConfig', () => {
  it.each(['dev', 'prod'])('accepts the committed %s environment', (name) => {
    expect(loadEnvironmentConfig(name).environment).toBe(name);
  });

  it('keeps stickiness off in dev unless overridden', () => {
    expect(loadEnvironmentConfig('dev').stickySessions).toBe(false);
  });

  it('turns stickiness on from STICKY_SESSIONS with the given duration', () => {
    const config = loadEnvironmentConfig('dev', { STICKY_SESSIONS: 'true', STICKY_DURATION_SECONDS: '600' });
    expect(config).toMatchObject({ stickySessions: true, stickyDurationSeconds: 600 });
  });

  it('shows an out-of-range STICKY_DURATION_SECONDS', () => {
    expect(configProblemsOf(() => loadEnvironmentConfig('dev', { STICKY_DURATION_SECONDS: '604801' }))).toContain(
      'stickiness duration must be between 1 and 604800 seconds, got 604801',
    );
  });

  it('rejects an environment name that is not a plain file name', () => {
    expect(configProblemsOf(() => loadEnvironmentConfig('../etc/passwd'))).toContain('DEPLOY_ENV: must name a file');
  });

  it('names a missing environment file', () => {
    expect(configProblemsOf(() => loadEnvironmentConfig('staging'))).toContain('staging.json');
  });

  it('names the bad field of an invalid file', () => {
    const dir = tempDir('env');
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        environment: 'bad',
        region: 'us-east-1',
        availabilityZones: ['us-east-1a', 'us-east-1b'],
        minSize: -1,
      }),
    );
    expect(configProblemsOf(() => loadEnvironmentConfig('bad', {}, dir))).toContain('minSize:');
  });

  it('rejects a file whose environment field differs from its name', () => {
    const dir = tempDir('env');
    writeFileSync(
      join(dir, 'qa.json'),
      JSON.stringify({ environment: 'dev', region: 'us-east-1', availabilityZones: ['us-east-1a', 'us-east-1b'] }),
    );
    expect(configProblemsOf(() => loadEnvironmentConfig('qa', {}, dir))).toContain(
      'environment: must match the file name "qa", got "dev"',
    );
  });
});
