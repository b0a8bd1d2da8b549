import { Testing } from 'cdktf';
import { AppLogging, type AppLoggingProps, LOG_WRITE_ACTIONS } from './app-logging';
import { synthesizedResources } from '../../testing/synthesized-resources';

function synth(props: Partial<AppLoggingProps> = {}): string {
  return Testing.synthScope((scope) => {
    new AppLogging(scope, 'logging', { environment: 'test', instanceRoleId: 'role-1', ...props });
  });
}

function policyOf(synthesized: string): { Statement: Array<{ Action: string[]; Resource: string[] }> } {
  const [policy] = synthesizedResources<{
    policy: string;
    role: string;
  }>(synthesized, 'aws_iam_role_policy');
  return JSON.parse(policy.policy);
}

describe('AppLogging', () => {
  it('creates the app log group with a 30-day retention by default', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cloudwatch_log_group' },
      { name: '/ha-uploads/test/app', retention_in_days: 30 },
    );
  });

  it('with a retention of 365 days', () => {
    expect(synth({ retentionDays: 365 })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cloudwatch_log_group' },
      { retention_in_days: 365 },
    );
  });

  it('refuses a retention CloudWatch does not offer, showing it', () => {
    expect(() => synth({ retentionDays: 45 })).toThrow(/log retention must be one of 1, 3, .* days, got 45/);
  });

  it('lets the instance role write to this group and its streams only', () => {
    // GIVEN
    const synthesized = synth();
    // WHEN
    const { Statement } = policyOf(synthesized);
    // THEN
    expect(synthesized).toHaveResourceWithProperties({ tfResourceType: 'aws_iam_role_policy' }, { role: 'role-1' });
    expect(Statement).toHaveLength(1);
    expect(Statement[0].Action).toEqual([...LOG_WRITE_ACTIONS]);
    expect(Statement[0].Resource).toEqual([
      expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.logging_group_[A-Z0-9]+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.logging_group_[A-Z0-9]+\.arn\}:\*$/),
    ]);
  });

  it('never lets the instances create log groups or change retention', () => {
    const actions = policyOf(synth()).Statement.flatMap((s) => s.Action);
    expect(actions).not.toContain('logs:CreateLogGroup');
    expect(actions).not.toContain('logs:PutRetentionPolicy');
  });
});
