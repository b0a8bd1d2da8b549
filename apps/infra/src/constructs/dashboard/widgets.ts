import { APP_METRICS } from '@ha-uploads/config';

/** A metric line of a dashboard widget: namespace, name, dimension pairs, then rendering options. */
type MetricLine = readonly (string | Record<string, unknown>)[];

/** What the dashboard shows about one environment, before it is laid out. */
export interface DashboardTargets {
  readonly region: string;
  /** `arn_suffix` of the ALB and of its target group. */
  readonly loadBalancer: string;
  readonly targetGroup: string;
  /** The catalog table's name. */
  readonly tableName: string;
  /** ARNs of the fleet alarms, shown as one status widget. */
  readonly alarmArns: readonly string[];
}

/** A widget's properties, without its position. */
export interface Widget {
  readonly type: 'metric' | 'alarm';
  readonly properties: Record<string, unknown>;
}

const ELB = 'AWS/ApplicationELB';

/** SEARCH over the app metric with the per-instance dimension, one line per instance. */
function perInstance(metricName: string, stat: string): string {
  return `SEARCH('{${APP_METRICS.namespace},${APP_METRICS.instanceDimension}} MetricName="${metricName}"', '${stat}', 60)`;
}

function graph(
  title: string,
  region: string,
  metrics: readonly MetricLine[],
  extra: Record<string, unknown> = {},
): Widget {
  return {
    type: 'metric',
    properties: { title, region, view: 'timeSeries', stacked: false, period: 60, metrics, ...extra },
  };
}

/** The operator's widgets: traffic, errors, latency, hosts, uploads, the catalog, in-flight uploads, alarms. */
export function dashboardWidgets(t: DashboardTargets): Widget[] {
  const lb = ['LoadBalancer', t.loadBalancer];
  const tg = ['TargetGroup', t.targetGroup, 'LoadBalancer', t.loadBalancer];
  const table = ['TableName', t.tableName];
  return [
    graph('Requests per minute', t.region, [[ELB, 'RequestCount', ...lb, { stat: 'Sum', label: 'requests' }]]),
    graph(
      'Error rate (%)',
      t.region,
      [
        [ELB, 'RequestCount', ...lb, { stat: 'Sum', id: 'requests', visible: false }],
        [ELB, 'HTTPCode_ELB_5XX_Count', ...lb, { stat: 'Sum', id: 'elb5xx', visible: false }],
        [ELB, 'HTTPCode_Target_5XX_Count', ...tg, { stat: 'Sum', id: 'target5xx', visible: false }],
        [ELB, 'HTTPCode_Target_4XX_Count', ...tg, { stat: 'Sum', id: 'target4xx', visible: false }],
        // Minutes without requests publish no RequestCount; FILL keeps the ratio defined.
        [
          {
            expression: '100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / FILL(requests, 1)',
            label: '5xx %',
            id: 'rate5xx',
          },
        ],
        [{ expression: '100 * FILL(target4xx, 0) / FILL(requests, 1)', label: '4xx %', id: 'rate4xx' }],
      ],
      { yAxis: { left: { min: 0 } } },
    ),
    graph(
      'Target response time (s)',
      t.region,
      ['p50', 'p90', 'p99'].map((stat) => [ELB, 'TargetResponseTime', ...tg, { stat, label: stat }]),
    ),
    graph('Hosts', t.region, [
      [ELB, 'HealthyHostCount', ...tg, { stat: 'Minimum', label: 'healthy' }],
      [ELB, 'UnHealthyHostCount', ...tg, { stat: 'Maximum', label: 'unhealthy' }],
      // Anomaly mitigation's own view: targets whose errors stand out, and those getting less traffic for it.
      [ELB, 'AnomalousHostCount', ...tg, { stat: 'Maximum', label: 'anomalous' }],
      [ELB, 'MitigatedHostCount', ...tg, { stat: 'Maximum', label: 'mitigated' }],
    ]),
    // The webapp emits these fleet-wide, with no dimension (only in-flight uploads are per instance).
    graph('Uploads per minute', t.region, [
      [APP_METRICS.namespace, APP_METRICS.names.uploads, { stat: 'Sum', label: 'uploads' }],
    ]),
    graph('Upload bytes per minute', t.region, [
      [APP_METRICS.namespace, APP_METRICS.names.uploadBytes, { stat: 'Sum', label: 'bytes' }],
    ]),
    graph('Catalog consumed capacity', t.region, [
      ['AWS/DynamoDB', 'ConsumedReadCapacityUnits', ...table, { stat: 'Sum', label: 'read units' }],
      ['AWS/DynamoDB', 'ConsumedWriteCapacityUnits', ...table, { stat: 'Sum', label: 'write units' }],
    ]),
    graph('Catalog throttles', t.region, [
      ['AWS/DynamoDB', 'ReadThrottleEvents', ...table, { stat: 'Sum', label: 'read throttles' }],
      ['AWS/DynamoDB', 'WriteThrottleEvents', ...table, { stat: 'Sum', label: 'write throttles' }],
    ]),
    graph('In-flight uploads per instance', t.region, [
      [{ expression: perInstance(APP_METRICS.names.inFlightUploads, 'Maximum'), id: 'inflight' }],
    ]),
    { type: 'alarm', properties: { title: 'Alarms', alarms: [...t.alarmArns], sortBy: 'stateUpdatedTimestamp' } },
  ];
}
