import { parseDeploymentConfig } from './deployment-config';
import { configProblemsOf, MINIMAL_DEPLOYMENT } from '../testing/config-problems';

const minimal = MINIMAL_DEPLOYMENT;

const problemsOf = (raw: unknown) => configProblemsOf(() => parseDeploymentConfig(raw));

describe('operations settings of the deployment config', () => {
  it('keeps full capacity during an instance refresh, mails nobody and keeps logs 30 days by default', () => {
    // GIVEN a file without operations settings
    // WHEN
    const config = parseDeploymentConfig(minimal);
    // THEN
    expect(config.instanceRefreshMinHealthyPercentage).toBe(100);
    expect(config.alarmEmail).toBeUndefined();
    expect(config.logRetentionDays).toBe(30);
  });

  it('accepts a min healthy percentage of 0 and an alarm address', () => {
    const config = parseDeploymentConfig({
      ...minimal,
      instanceRefreshMinHealthyPercentage: 0,
      alarmEmail: 'ops@example.com',
    });
    expect(config).toMatchObject({ instanceRefreshMinHealthyPercentage: 0, alarmEmail: 'ops@example.com' });
  });

  it.each([101, -1])('refuses a min healthy percentage of %s, naming the value', (value) => {
    expect(problemsOf({ ...minimal, instanceRefreshMinHealthyPercentage: value })).toContain(
      `instanceRefreshMinHealthyPercentage: must be a percentage between 0 and 100, got ${value}`,
    );
  });

  it('refuses a fractional min healthy percentage', () => {
    expect(problemsOf({ ...minimal, instanceRefreshMinHealthyPercentage: 50.5 })).toContain(
      'instanceRefreshMinHealthyPercentage: must be a whole percentage between 0 and 100, got 50.5',
    );
  });

  it('refuses an alarm email that is not an address, naming the value', () => {
    expect(problemsOf({ ...minimal, alarmEmail: 'ops-at-example' })).toContain(
      'alarmEmail: must be an email address such as ops@example.com, got "ops-at-example"',
    );
  });

  it('refuses a log retention CloudWatch does not offer, naming the value', () => {
    expect(problemsOf({ ...minimal, logRetentionDays: 45 })).toMatch(
      /logRetentionDays: must be one of CloudWatch's retention periods \(1, 3, .*3653 days\), got 45/,
    );
  });

  it('accepts a retention CloudWatch offers', () => {
    expect(parseDeploymentConfig({ ...minimal, logRetentionDays: 365 }).logRetentionDays).toBe(365);
  });

  it('accepts a pinned AMI id and refuses anything else, naming the value', () => {
    expect(parseDeploymentConfig({ ...minimal, amiId: 'ami-0123456789abcdef0' }).amiId).toBe('ami-0123456789abcdef0');
    expect(problemsOf({ ...minimal, amiId: 'resolve:ssm:/aws/x' })).toContain(
      'amiId: must be an AMI id such as ami-0123456789abcdef0, got "resolve:ssm:/aws/x"',
    );
  });
});
