import { TerraformOutput, Testing } from 'cdktf';
import { FleetAlarms, type FleetAlarmsProps } from './fleet-alarms';
import { synthesizedResources } from '../../testing/synthesized-resources';

/** The alarms of the test environment's fleet, which each test may override. */
const DEFAULTS: FleetAlarmsProps = {
  environment: 'test',
  loadBalancerArnSuffix: 'app/test/123',
  targetGroupArnSuffix: 'targetgroup/test/456',
  healthCheckGracePeriodSeconds: 300,
};

const synth = (props: Partial<FleetAlarmsProps> = {}): string =>
  Testing.synthScope((scope) => void new FleetAlarms(scope, 'alarms', { ...DEFAULTS, ...props }));

type Alarm = Record<string, unknown> & { alarm_name: string; dimensions: Record<string, string> };

function alarms(synthesized: string): Record<string, Alarm> {
  const all = synthesizedResources<Alarm>(synthesized, 'aws_cloudwatch_metric_alarm');
  return Object.fromEntries(all.map((a) => [a.alarm_name.replace(/^test-/, ''), a]));
}

describe('FleetAlarms', () => {
  it('alarms on ALB 5xx, target 5xx, unhealthy hosts, p99 response time and rejected connections', () => {
    expect(Object.keys(alarms(synth())).sort()).toEqual([
      'alb-5xx',
      'p99-latency',
      'rejected-connections',
      'target-5xx',
      'unhealthy-hosts',
    ]);
  });

  it('notifies the alarm topic when an alarm fires and when it clears', () => {
    for (const alarm of Object.values(alarms(synth()))) {
      expect(alarm.alarm_actions).toEqual([
        expect.stringMatching(/^\$\{aws_sns_topic\.alarms_topic_[A-Z0-9]+\.arn\}$/),
      ]);
      expect(alarm.ok_actions).toEqual(alarm.alarm_actions);
    }
  });

  it('treats a minute without data as healthy', () => {
    for (const alarm of Object.values(alarms(synth()))) expect(alarm.treat_missing_data).toBe('notBreaching');
  });

  it('watches 5xx from the ALB itself per load balancer, and from the targets per target group', () => {
    const { 'alb-5xx': alb, 'target-5xx': target } = alarms(synth());
    expect(alb).toMatchObject({
      metric_name: 'HTTPCode_ELB_5XX_Count',
      statistic: 'Sum',
      threshold: 10,
      evaluation_periods: 2,
      dimensions: { LoadBalancer: 'app/test/123' },
    });
    expect(target).toMatchObject({
      metric_name: 'HTTPCode_Target_5XX_Count',
      dimensions: { LoadBalancer: 'app/test/123', TargetGroup: 'targetgroup/test/456' },
    });
  });

  it('with a custom error threshold', () => {
    expect(alarms(synth({ errorsPerMinute: 50 }))['alb-5xx'].threshold).toBe(50);
  });

  it('calls hosts unhealthy only after longer than the grace period a booting instance gets', () => {
    // GIVEN a 300 s grace period: a booting target may fail its checks for up to 5 minutes
    // WHEN
    const { 'unhealthy-hosts': unhealthy } = alarms(synth({ healthCheckGracePeriodSeconds: 300 }));
    // THEN every one of 7 consecutive minutes must see an unhealthy target
    expect(unhealthy).toMatchObject({
      metric_name: 'UnHealthyHostCount',
      statistic: 'Maximum',
      threshold: 1,
      evaluation_periods: 7,
      datapoints_to_alarm: 7,
    });
  });

  it('alarms on the p99 response time, ignoring minutes with too few requests', () => {
    expect(alarms(synth())['p99-latency']).toMatchObject({
      metric_name: 'TargetResponseTime',
      extended_statistic: 'p99',
      threshold: 5,
      comparison_operator: 'GreaterThanThreshold',
      evaluate_low_sample_count_percentiles: 'ignore',
    });
    expect(alarms(synth())['p99-latency']).not.toHaveProperty('statistic');
  });

  it('alarms on the first rejected connection', () => {
    expect(alarms(synth())['rejected-connections']).toMatchObject({
      metric_name: 'RejectedConnectionCount',
      threshold: 1,
      evaluation_periods: 1,
    });
  });

  it('stops instance refresh on every alarm but rejected connections, which rolling back cannot fix', () => {
    // GIVEN the names instance refresh watches, as the fleet would reference them
    const synthesized = JSON.parse(
      Testing.synthScope((scope) => {
        const construct = new FleetAlarms(scope, 'alarms', {
          environment: 'test',
          loadBalancerArnSuffix: 'lb',
          targetGroupArnSuffix: 'tg',
          healthCheckGracePeriodSeconds: 60,
        });
        new TerraformOutput(scope, 'watched', { value: construct.instanceRefreshAlarmNames });
      }),
    );
    // WHEN
    const watched = (synthesized.output.watched.value as string[]).map(
      (ref) => /aws_cloudwatch_metric_alarm\.alarms_([a-z0-9-]+)_[A-Z0-9]+\.alarm_name/.exec(ref)?.[1],
    );
    // THEN
    expect(watched.sort()).toEqual(['alb-5xx', 'p99-latency', 'target-5xx', 'unhealthy-hosts']);
  });

  it('subscribes nobody by default', () => {
    expect(synth()).not.toHaveResource({ tfResourceType: 'aws_sns_topic_subscription' });
  });

  it('with an alarm email, subscribes it to the topic', () => {
    expect(synth({ alarmEmail: 'ops@example.com' })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_sns_topic_subscription' },
      {
        protocol: 'email',
        endpoint: 'ops@example.com',
      },
    );
  });

  it('refuses an alarm email that is not an address, showing it', () => {
    expect(() => synth({ alarmEmail: 'ops' })).toThrow('alarm email must be an email address, got "ops"');
  });
});
