import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Construct } from 'constructs';
import { type DashboardTargets, dashboardWidgets } from './widgets';

const COLUMNS = 2;
const WIDTH = 12;
const HEIGHT = 6;

/** Props for {@link OperationsDashboard}. */
export interface OperationsDashboardProps extends DashboardTargets {
  /** Environment name; names the dashboard. */
  readonly environment: string;
}

/** One CloudWatch dashboard with what an operator checks first: traffic, errors, latency, hosts, uploads, catalog. */
export class OperationsDashboard extends Construct {
  public readonly dashboard: CloudwatchDashboard;
  /** Console link to the dashboard. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const widgets = dashboardWidgets(props).map((widget, i) => ({
      ...widget,
      x: (i % COLUMNS) * WIDTH,
      y: Math.floor(i / COLUMNS) * HEIGHT,
      width: WIDTH,
      height: HEIGHT,
    }));
    const name = `${props.environment}-ha-uploads`;
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: name,
      dashboardBody: JSON.stringify({ widgets }),
    });
    this.url = `https://${props.region}.console.aws.amazon.com/cloudwatch/home?region=${props.region}#dashboards/dashboard/${name}`;
  }
}
