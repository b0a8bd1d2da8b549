/** One CloudWatch alarm rule on an ALB metric, before it is bound to a load balancer. */
export interface AlarmRule {
  /** Suffix of the alarm name (`<environment>-<key>`). */
  readonly key: string;
  readonly description: string;
  readonly metricName: string;
  /** `Sum`, `Maximum`, ... or a percentile such as `p99`. */
  readonly statistic: string;
  readonly threshold: number;
  /** Consecutive 1-minute periods that must all breach. */
  readonly evaluationPeriods: number;
  /** The metric is per target group (TargetGroup + LoadBalancer dimensions) rather than per load balancer. */
  readonly perTargetGroup: boolean;
  /** A breach means the new build is bad, so an instance refresh stops and rolls back on it. */
  readonly stopsInstanceRefresh: boolean;
}

/** Thresholds of {@link fleetAlarmRules}. */
export interface AlarmThresholds {
  /** 5xx answered by the load balancer itself (502/503/504) per minute. */
  readonly loadBalancer5xxPerMinute: number;
  /** 5xx answered by the instances per minute. */
  readonly target5xxPerMinute: number;
  /** p99 of the time from the request leaving the ALB to the response headers coming back. */
  readonly p99ResponseSeconds: number;
  /** Seconds a new instance may take to boot and pass its checks: the group's health-check grace period. */
  readonly bootSeconds: number;
}

/** The alarms an operator needs on the fleet, with thresholds a healthy fleet never reaches. */
export function fleetAlarmRules(thresholds: AlarmThresholds): AlarmRule[] {
  return [
    {
      key: 'alb-5xx',
      description: `The load balancer answered at least ${thresholds.loadBalancer5xxPerMinute} 5xx a minute for 2 minutes: targets are failing, refusing or missing.`,
      metricName: 'HTTPCode_ELB_5XX_Count',
      statistic: 'Sum',
      threshold: thresholds.loadBalancer5xxPerMinute,
      evaluationPeriods: 2,
      perTargetGroup: false,
      stopsInstanceRefresh: true,
    },
    {
      key: 'target-5xx',
      description: `The instances answered at least ${thresholds.target5xxPerMinute} 5xx a minute for 2 minutes.`,
      metricName: 'HTTPCode_Target_5XX_Count',
      statistic: 'Sum',
      threshold: thresholds.target5xxPerMinute,
      evaluationPeriods: 2,
      perTargetGroup: true,
      stopsInstanceRefresh: true,
    },
    {
      // A booting instance fails its checks until the app listens; only a target unhealthy for longer than a boot
      // counts.
      key: 'unhealthy-hosts',
      description: `Some target was unhealthy in each of the last ${bootMinutes(thresholds.bootSeconds)} minutes, longer than an instance takes to boot.`,
      metricName: 'UnHealthyHostCount',
      statistic: 'Maximum',
      threshold: 1,
      evaluationPeriods: bootMinutes(thresholds.bootSeconds),
      perTargetGroup: true,
      stopsInstanceRefresh: true,
    },
    {
      key: 'p99-latency',
      description: `p99 target response time above ${thresholds.p99ResponseSeconds} s for 3 minutes.`,
      metricName: 'TargetResponseTime',
      statistic: 'p99',
      threshold: thresholds.p99ResponseSeconds,
      evaluationPeriods: 3,
      perTargetGroup: true,
      stopsInstanceRefresh: true,
    },
    {
      // Capacity, not the build: rolling back would not help, so it only notifies.
      key: 'rejected-connections',
      description: 'The load balancer rejected connections: it reached its connection limit.',
      metricName: 'RejectedConnectionCount',
      statistic: 'Sum',
      threshold: 1,
      evaluationPeriods: 1,
      perTargetGroup: false,
      stopsInstanceRefresh: false,
    },
  ];
}

/** Whole minutes of a boot, plus one for each partial minute at its ends. */
export function bootMinutes(bootSeconds: number): number {
  return Math.ceil(bootSeconds / 60) + 2;
}
