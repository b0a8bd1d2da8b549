import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { fleetAlarmRules } from './alarm-rules';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Props for {@link FleetAlarms}. */
export interface FleetAlarmsProps {
  /** Environment name; prefixes the topic and alarm names. */
  readonly environment: string;
  /** `arn_suffix` of the ALB (the `LoadBalancer` dimension). */
  readonly loadBalancerArnSuffix: string;
  /** `arn_suffix` of the target group (the `TargetGroup` dimension). */
  readonly targetGroupArnSuffix: string;
  /** The group's health-check grace period: how long a booting instance may fail its checks. */
  readonly healthCheckGracePeriodSeconds: number;
  /**
   * Address the alarm topic mails (AWS asks it to confirm first).
   * @default - no subscription; subscribe to the topic yourself
   */
  readonly alarmEmail?: string;
  /**
   * 5xx a minute, from the ALB or from the instances, that count as failing.
   * @default 10
   */
  readonly errorsPerMinute?: number;
  /**
   * p99 target response time that counts as slow. Uploads count in full, so large files over slow links need more.
   * @default 5
   */
  readonly p99ResponseSeconds?: number;
}

/** Alarms on the ALB and its targets, notifying an SNS topic; the bad-build ones also stop instance refresh. */
export class FleetAlarms extends Construct {
  public readonly topic: SnsTopic;
  public readonly alarms: readonly CloudwatchMetricAlarm[];
  /** Names of the alarms instance refresh watches: any of them in ALARM fails the refresh and rolls it back. */
  public readonly instanceRefreshAlarmNames: readonly string[];
  public readonly emailSubscription?: SnsTopicSubscription;

  constructor(scope: Construct, id: string, props: FleetAlarmsProps) {
    super(scope, id);
    if (props.alarmEmail !== undefined && !EMAIL.test(props.alarmEmail)) {
      throw new Error(`alarm email must be an email address, got ${JSON.stringify(props.alarmEmail)}`);
    }
    const errorsPerMinute = props.errorsPerMinute ?? 10;
    // Alarm notifications carry no user data; an AWS-managed key would not let CloudWatch publish.
    this.topic = new SnsTopic(this, 'topic', {
      name: `${props.environment}-alarms`,
      tags: { Name: `${props.environment}-alarms` },
    });
    if (props.alarmEmail !== undefined) {
      this.emailSubscription = new SnsTopicSubscription(this, 'email', {
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: props.alarmEmail,
      });
    }

    const rules = fleetAlarmRules({
      loadBalancer5xxPerMinute: errorsPerMinute,
      target5xxPerMinute: errorsPerMinute,
      p99ResponseSeconds: props.p99ResponseSeconds ?? 5,
      bootSeconds: props.healthCheckGracePeriodSeconds,
    });
    const alarms = rules.map((rule) => {
      const percentile = /^p\d/.test(rule.statistic);
      const alarm = new CloudwatchMetricAlarm(this, rule.key, {
        alarmName: `${props.environment}-${rule.key}`,
        alarmDescription: rule.description,
        namespace: 'AWS/ApplicationELB',
        metricName: rule.metricName,
        dimensions: rule.perTargetGroup
          ? { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: props.targetGroupArnSuffix }
          : { LoadBalancer: props.loadBalancerArnSuffix },
        // A percentile over a handful of requests is noise: too few samples leave the state as it is.
        ...(percentile
          ? { extendedStatistic: rule.statistic, evaluateLowSampleCountPercentiles: 'ignore' }
          : { statistic: rule.statistic }),
        period: 60,
        evaluationPeriods: rule.evaluationPeriods,
        datapointsToAlarm: rule.evaluationPeriods,
        threshold: rule.threshold,
        comparisonOperator: percentile ? 'GreaterThanThreshold' : 'GreaterThanOrEqualToThreshold',
        // The ALB publishes nothing for a minute without requests or errors: quiet is healthy.
        treatMissingData: 'notBreaching',
        alarmActions: [this.topic.arn],
        okActions: [this.topic.arn],
        tags: { Name: `${props.environment}-${rule.key}` },
      });
      return { rule, alarm };
    });
    this.alarms = alarms.map((a) => a.alarm);
    this.instanceRefreshAlarmNames = alarms.filter((a) => a.rule.stopsInstanceRefresh).map((a) => a.alarm.alarmName);
  }
}
