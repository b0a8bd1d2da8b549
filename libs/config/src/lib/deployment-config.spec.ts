import { parseDeploymentConfig } from './deployment-config';
import { configProblemsOf, MINIMAL_DEPLOYMENT } from '../testing/config-problems';

const minimal = MINIMAL_DEPLOYMENT;

const problemsOf = (raw: unknown, env: Record<string, string> = {}) =>
  configProblemsOf(() => parseDeploymentConfig(raw, env));

describe('parseDeploymentConfig', () => {
  it('fills safe defaults: stickiness off, 2/2/4 fleet, NAT per AZ, open ingress', () => {
    const config = parseDeploymentConfig(minimal);
    expect(config).toMatchObject({
      stickySessions: false,
      minSize: 2,
      desiredCapacity: 2,
      maxSize: 4,
      natGateways: 'per-az',
      allowedCidrs: ['0.0.0.0/0'],
      deletionProtection: false,
      deregistrationDelaySeconds: 30,
    });
    expect(config.certificateArn).toBeUndefined();
    expect(config.sshKeyName).toBeUndefined();
  });

  it('turns stickiness on from STICKY_SESSIONS', () => {
    expect(parseDeploymentConfig(minimal, { STICKY_SESSIONS: 'true' }).stickySessions).toBe(true);
  });

  it('turns stickiness off from STICKY_SESSIONS even when the file enables it', () => {
    expect(
      parseDeploymentConfig({ ...minimal, stickySessions: true }, { STICKY_SESSIONS: 'false' }).stickySessions,
    ).toBe(false);
  });

  it('takes the stickiness duration from STICKY_DURATION_SECONDS', () => {
    expect(parseDeploymentConfig(minimal, { STICKY_DURATION_SECONDS: '3600' }).stickyDurationSeconds).toBe(3600);
  });

  it('shows the bad value for a stickiness duration of 0', () => {
    expect(problemsOf(minimal, { STICKY_DURATION_SECONDS: '0' })).toContain(
      'stickyDurationSeconds: stickiness duration must be between 1 and 604800 seconds, got 0',
    );
  });

  it('rejects an override it cannot read', () => {
    expect(problemsOf(minimal, { STICKY_SESSIONS: 'sometimes' })).toContain(
      'STICKY_SESSIONS: must be true or false, got "sometimes"',
    );
  });

  it('needs at least two availability zones', () => {
    expect(problemsOf({ ...minimal, availabilityZones: ['us-east-1a'] })).toContain(
      'availabilityZones: must list at least 2 availability zones',
    );
  });

  it('rejects a zone outside the region', () => {
    expect(problemsOf({ ...minimal, availabilityZones: ['us-east-1a', 'eu-west-1b'] })).toContain(
      'availabilityZones: every zone must be in region us-east-1, got "eu-west-1b"',
    );
  });

  it('rejects a fleet whose desired capacity is outside min..max', () => {
    expect(problemsOf({ ...minimal, minSize: 3, desiredCapacity: 2 })).toContain(
      'minSize <= desiredCapacity <= maxSize, got 3 <= 2 <= 4',
    );
  });

  it('rejects a malformed CIDR and names its index', () => {
    expect(problemsOf({ ...minimal, allowedCidrs: ['10.0.0.0/8', '300.1.1.1/32'] })).toContain('allowedCidrs.1:');
  });

  it('requires an admin CIDR with an SSH key, and never the whole internet', () => {
    expect(problemsOf({ ...minimal, sshKeyName: 'ops' })).toContain('adminCidr: required when sshKeyName is set');
    expect(problemsOf({ ...minimal, sshKeyName: 'ops', adminCidr: '0.0.0.0/0' })).toContain(
      'adminCidr: must not open SSH',
    );
  });

  it('rejects an upload limit above the 5 TiB the webapp accepts', () => {
    expect(problemsOf({ ...minimal, maxUploadBytes: 6 * 1024 ** 4 })).toContain('maxUploadBytes:');
  });

  it('keeps noncurrent object versions 7 days unless an environment keeps them longer', () => {
    expect([
      parseDeploymentConfig(minimal).noncurrentVersionRetentionDays,
      parseDeploymentConfig({ ...minimal, noncurrentVersionRetentionDays: 30 }).noncurrentVersionRetentionDays,
    ]).toEqual([7, 30]);
  });

  it('rejects a noncurrent version retention shorter than a week', () => {
    expect(problemsOf({ ...minimal, noncurrentVersionRetentionDays: 1 })).toContain(
      'noncurrentVersionRetentionDays: must be at least 7 days',
    );
  });

  it('rejects an ALB idle timeout the instances could not outlast', () => {
    expect(problemsOf({ ...minimal, idleTimeoutSeconds: 595 })).toContain(
      'idleTimeoutSeconds: must be at most 594 seconds',
    );
  });

  it('rejects unknown keys so typos do not pass silently', () => {
    expect(problemsOf({ ...minimal, stickySession: true })).toContain('stickySession');
  });

  it('rejects a certificate that is not an ACM ARN', () => {
    expect(problemsOf({ ...minimal, certificateArn: 'cert-123' })).toContain(
      'certificateArn: must be an ACM certificate ARN, got "cert-123"',
    );
  });
});
