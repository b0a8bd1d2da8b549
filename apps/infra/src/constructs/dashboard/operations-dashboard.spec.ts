import { APP_METRICS } from '@ha-uploads/config';
import { Testing } from 'cdktf';
import { OperationsDashboard } from './operations-dashboard';
import { synthesizedResources } from '../../testing/synthesized-resources';

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  properties: { title: string; metrics?: unknown[][]; alarms?: string[] };
}

function widgets(): Widget[] {
  const synthesized = Testing.synthScope((scope) => {
    new OperationsDashboard(scope, 'dashboard', {
      environment: 'test',
      region: 'us-east-1',
      loadBalancer: 'app/test/123',
      targetGroup: 'targetgroup/test/456',
      tableName: 'test-files',
      alarmArns: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:test-alb-5xx'],
    });
  });
  const [dashboard] = synthesizedResources<{
    dashboard_name: string;
    dashboard_body: string;
  }>(synthesized, 'aws_cloudwatch_dashboard');
  expect(dashboard.dashboard_name).toBe('test-ha-uploads');
  return JSON.parse(dashboard.dashboard_body).widgets;
}

function widget(title: string): Widget {
  const found = widgets().find((w) => w.properties.title === title);
  if (!found) throw new Error(`no widget ${title}`);
  return found;
}

function text(w: Widget): string {
  return JSON.stringify(w.properties.metrics);
}

describe('OperationsDashboard', () => {
  it('shows every view an operator needs', () => {
    expect(widgets().map((w) => w.properties.title)).toEqual([
      'Requests per minute',
      'Error rate (%)',
      'Target response time (s)',
      'Hosts',
      'Uploads per minute',
      'Upload bytes per minute',
      'Catalog consumed capacity',
      'Catalog throttles',
      'In-flight uploads per instance',
      'Alarms',
    ]);
  });

  it('lays the widgets out in two columns without overlap', () => {
    const cells = widgets().map((w) => `${w.x},${w.y}`);
    expect(new Set(cells).size).toBe(cells.length);
    expect(widgets().every((w) => w.x + w.width <= 24)).toBe(true);
  });

  it('graphs the request rate of the load balancer', () => {
    expect(widget('Requests per minute').properties.metrics).toEqual([
      ['AWS/ApplicationELB', 'RequestCount', 'LoadBalancer', 'app/test/123', expect.objectContaining({ stat: 'Sum' })],
    ]);
  });

  it('computes the 5xx rate from the ALB and target errors over the requests', () => {
    expect(text(widget('Error rate (%)'))).toContain(
      '100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / FILL(requests, 1)',
    );
  });

  it('graphs the p50, p90 and p99 target response time', () => {
    const stats = (widget('Target response time (s)').properties.metrics as Array<Array<{ stat?: string }>>).map(
      (line) => line.at(-1)?.stat,
    );
    expect(stats).toEqual(['p50', 'p90', 'p99']);
  });

  it('graphs healthy, unhealthy, anomalous and mitigated hosts of the target group', () => {
    expect(text(widget('Hosts'))).toContain('"HealthyHostCount","TargetGroup","targetgroup/test/456"');
    for (const metric of ['UnHealthyHostCount', 'AnomalousHostCount', 'MitigatedHostCount'])
      expect(text(widget('Hosts'))).toContain(`"${metric}"`);
  });

  it('reads the upload count and bytes from the metrics the webapp emits', () => {
    // The webapp emits them fleet-wide, with no dimension: a metric line with dimensions would stay empty.
    expect(text(widget('Uploads per minute'))).toContain(
      `"${APP_METRICS.namespace}","${APP_METRICS.names.uploads}",{"stat":"Sum"`,
    );
    expect(text(widget('Upload bytes per minute'))).toContain(
      `"${APP_METRICS.namespace}","${APP_METRICS.names.uploadBytes}",{"stat":"Sum"`,
    );
  });

  it('graphs the catalog table consumed capacity and throttles', () => {
    expect(text(widget('Catalog consumed capacity'))).toContain(
      '"ConsumedWriteCapacityUnits","TableName","test-files"',
    );
    expect(text(widget('Catalog throttles'))).toContain('"WriteThrottleEvents","TableName","test-files"');
    expect(text(widget('Catalog throttles'))).toContain('"ReadThrottleEvents"');
  });

  it('draws one in-flight uploads line per instance', () => {
    expect(text(widget('In-flight uploads per instance'))).toContain(
      `SEARCH('{HaUploads,InstanceId} MetricName=\\"${APP_METRICS.names.inFlightUploads}\\"', 'Maximum', 60)`,
    );
  });

  it('shows the state of the fleet alarms', () => {
    expect(widget('Alarms')).toMatchObject({
      type: 'alarm',
      properties: { alarms: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:test-alb-5xx'] },
    });
  });
});
