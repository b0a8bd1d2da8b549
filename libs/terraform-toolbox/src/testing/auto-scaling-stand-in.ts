import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One instance refresh as the stand-in reports it. */
export interface StandInRefresh {
  readonly id: string;
  readonly status: string;
  readonly percentageComplete?: number;
  readonly instancesToUpdate?: number;
  readonly statusReason?: string;
}

/** One instance of the stand-in's group. */
export interface StandInInstance {
  readonly id: string;
  readonly version: string;
  /** @default 'InService' */
  readonly lifecycleState?: string;
}

/** What the stand-in answers; tests change it between polls. */
export interface StandInState {
  groupName: string;
  groupVersion: string;
  instances: StandInInstance[];
  /** Newest first, as DescribeInstanceRefreshes orders them. */
  refreshes: StandInRefresh[];
  /**
   * What StartInstanceRefresh puts first in `refreshes` (the group's version and instances are the test's to change).
   * @default - a Pending refresh `r-started`
   */
  startedRefresh?: StandInRefresh;
}

/**
 * A loopback stand-in of the Auto Scaling Query API: DescribeInstanceRefreshes, DescribeAutoScalingGroups,
 * StartInstanceRefresh.
 */
export interface AutoScalingStandIn {
  readonly endpoint: string;
  readonly state: StandInState;
  /** The decoded form parameters of every request, in order. */
  readonly requests: Array<Record<string, string>>;
  close(): Promise<void>;
}

const XMLNS = 'http://autoscaling.amazonaws.com/doc/2011-01-01/';

function escape(value: string | number): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function element(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : `<${name}>${escape(value)}</${name}>`;
}

/** Values of `Name.member.N` parameters, in order. */
function members(params: Record<string, string>, name: string): string[] {
  return Object.keys(params)
    .filter((k) => k.startsWith(`${name}.member.`))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
    .map((k) => params[k]);
}

function describeInstanceRefreshes(state: StandInState, params: Record<string, string>): string {
  const ids = members(params, 'InstanceRefreshIds');
  let refreshes = params.AutoScalingGroupName === state.groupName ? state.refreshes : [];
  if (ids.length > 0) refreshes = refreshes.filter((r) => ids.includes(r.id));
  if (params.MaxRecords) refreshes = refreshes.slice(0, Number(params.MaxRecords));
  const body = refreshes
    .map(
      (r) =>
        `<member>${element('InstanceRefreshId', r.id)}${element('AutoScalingGroupName', state.groupName)}${element('Status', r.status)}` +
        `${element('StatusReason', r.statusReason)}${element('PercentageComplete', r.percentageComplete)}${element('InstancesToUpdate', r.instancesToUpdate)}</member>`,
    )
    .join('');
  return `<DescribeInstanceRefreshesResponse xmlns="${XMLNS}"><DescribeInstanceRefreshesResult><InstanceRefreshes>${body}</InstanceRefreshes></DescribeInstanceRefreshesResult><ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata></DescribeInstanceRefreshesResponse>`;
}

function describeAutoScalingGroups(state: StandInState, params: Record<string, string>): string {
  const wanted = members(params, 'AutoScalingGroupNames');
  const template = (version: string) =>
    `<LaunchTemplate>${element('LaunchTemplateId', 'lt-0standin')}${element('Version', version)}</LaunchTemplate>`;
  const instances = state.instances
    .map(
      (i) =>
        `<member>${element('InstanceId', i.id)}${element('AvailabilityZone', 'us-east-1a')}${element('LifecycleState', i.lifecycleState ?? 'InService')}` +
        `${element('HealthStatus', 'Healthy')}${template(i.version)}${element('ProtectedFromScaleIn', 'false')}</member>`,
    )
    .join('');
  const group =
    wanted.length === 0 || wanted.includes(state.groupName)
      ? `<member>${element('AutoScalingGroupName', state.groupName)}${template(state.groupVersion)}<Instances>${instances}</Instances></member>`
      : '';
  return `<DescribeAutoScalingGroupsResponse xmlns="${XMLNS}"><DescribeAutoScalingGroupsResult><AutoScalingGroups>${group}</AutoScalingGroups></DescribeAutoScalingGroupsResult><ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata></DescribeAutoScalingGroupsResponse>`;
}

class StandInFault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function startInstanceRefresh(state: StandInState, params: Record<string, string>): string {
  if (params.AutoScalingGroupName !== state.groupName)
    throw new StandInFault('ValidationError', 'AutoScalingGroup name not found');
  // AWS refuses a second refresh while one is in progress, and an auto rollback without a desired configuration.
  if (state.refreshes.some((r) => ['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress'].includes(r.status))) {
    throw new StandInFault('InstanceRefreshInProgress', 'An Instance Refresh is already in progress');
  }
  if (params['Preferences.AutoRollback'] === 'true' && !params['DesiredConfiguration.LaunchTemplate.Version']) {
    throw new StandInFault(
      'ValidationError',
      'The AutoRollback parameter cannot be set to true when the DesiredConfiguration parameter is empty.',
    );
  }
  const refresh = state.startedRefresh ?? { id: 'r-started', status: 'Pending', percentageComplete: 0 };
  state.refreshes = [refresh, ...state.refreshes];
  return `<StartInstanceRefreshResponse xmlns="${XMLNS}"><StartInstanceRefreshResult>${element('InstanceRefreshId', refresh.id)}</StartInstanceRefreshResult><ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata></StartInstanceRefreshResponse>`;
}

function fault(res: ServerResponse, code: string, message: string): void {
  res.writeHead(400, { 'content-type': 'text/xml' });
  res.end(
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${escape(code)}</Code><Message>${escape(message)}</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>`,
  );
}

async function formOf(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** Starts the stand-in on a free loopback port. */
export async function startAutoScalingStandIn(state: StandInState): Promise<AutoScalingStandIn> {
  const requests: Array<Record<string, string>> = [];
  const server: Server = createServer((req, res) => {
    formOf(req).then(
      (params) => {
        requests.push(params);
        let answer: string | undefined;
        try {
          answer =
            params.Action === 'DescribeInstanceRefreshes'
              ? describeInstanceRefreshes(state, params)
              : params.Action === 'DescribeAutoScalingGroups'
                ? describeAutoScalingGroups(state, params)
                : params.Action === 'StartInstanceRefresh'
                  ? startInstanceRefresh(state, params)
                  : undefined;
        } catch (err) {
          if (!(err instanceof StandInFault)) throw err;
          return fault(res, err.code, err.message);
        }
        if (answer === undefined)
          return fault(res, 'InvalidAction', `stand-in does not implement ${params.Action ?? ''}`);
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(answer);
      },
      (err: Error) => res.destroy(err),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    state,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
