import {
  type AutoScalingClient,
  DescribeInstanceRefreshesCommand,
  type InstanceRefresh,
} from '@aws-sdk/client-auto-scaling';
import { describeFleetVersions, outdatedInstances } from './fleet-version';
import { isActive, isSuccessful } from './refresh-status';

/** Options of {@link waitForInstanceRefresh}. Time is injected, so tests never wait on the wall clock. */
export interface WaitForRefreshOptions {
  readonly client: AutoScalingClient;
  readonly groupName: string;
  /** The launch template version the deploy put in place; every in-service instance must run it at the end. */
  readonly desiredVersion: string;
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds since some fixed point. */
  readonly now: () => number;
  readonly log: (line: string) => void;
  /** @default 15000 */
  readonly intervalMs?: number;
  /** Give up (and fail) after this long. @default 3600000 (1 h) */
  readonly timeoutMs?: number;
}

/** How the deploy ended on the fleet. */
export interface RefreshOutcome {
  readonly ok: boolean;
  readonly summary: string;
  /** The last state seen of the refresh followed, if there was one. */
  readonly refresh?: InstanceRefresh;
}

async function newestRefresh(
  client: AutoScalingClient,
  groupName: string,
  id?: string,
): Promise<InstanceRefresh | undefined> {
  const answer = await client.send(
    new DescribeInstanceRefreshesCommand(
      id
        ? { AutoScalingGroupName: groupName, InstanceRefreshIds: [id] }
        : { AutoScalingGroupName: groupName, MaxRecords: 1 },
    ),
  );
  return answer.InstanceRefreshes?.[0];
}

function describe(refresh: InstanceRefresh): string {
  const percent = refresh.PercentageComplete ?? 0;
  const left = refresh.InstancesToUpdate === undefined ? '' : `, ${refresh.InstancesToUpdate} to update`;
  const reason = refresh.StatusReason ? ` (${refresh.StatusReason})` : '';
  return `instance refresh ${refresh.InstanceRefreshId}: ${refresh.Status} ${percent}%${left}${reason}`;
}

/**
 * Follows the group's instance refresh until it ends, printing its status and percentage as they change, then
 * checks that every in-service instance runs the desired version. Not ok on Failed, Cancelled, a rollback, a
 * timeout, or a fleet left on another version.
 */
export async function waitForInstanceRefresh(options: WaitForRefreshOptions): Promise<RefreshOutcome> {
  const intervalMs = options.intervalMs ?? 15_000;
  const timeoutMs = options.timeoutMs ?? 3_600_000;
  const started = options.now();
  let refresh = await newestRefresh(options.client, options.groupName);
  // A refresh still running now is this deploy's: only Successful counts, whatever versions the fleet ends on.
  const followed = refresh !== undefined && isActive(refresh.Status);
  let lastLine = '';
  while (refresh && isActive(refresh.Status)) {
    const line = describe(refresh);
    if (line !== lastLine) options.log(line);
    lastLine = line;
    if (options.now() - started >= timeoutMs) {
      return { ok: false, refresh, summary: `gave up after ${Math.round(timeoutMs / 1000)} s: ${line}` };
    }
    await options.sleep(intervalMs);
    refresh = await newestRefresh(options.client, options.groupName, refresh.InstanceRefreshId);
  }
  if (refresh) options.log(describe(refresh));

  const fleet = await describeFleetVersions(options.client, options.groupName);
  const outdated = outdatedInstances(fleet, options.desiredVersion);
  const onVersion = `${fleet.instances.size - outdated.length}/${fleet.instances.size} in-service instances run launch template version ${options.desiredVersion}`;
  if (followed && refresh && !isSuccessful(refresh.Status)) {
    return { ok: false, refresh, summary: `${describe(refresh)}; ${onVersion}` };
  }
  if (outdated.length === 0 && fleet.groupVersion === options.desiredVersion) {
    // An earlier refresh that failed does not matter once the whole fleet runs the desired version.
    const how = refresh
      ? `after ${refresh.InstanceRefreshId} ended ${refresh.Status}`
      : 'no instance refresh was needed';
    return { ok: true, refresh, summary: `deployed: ${onVersion}; ${how}` };
  }
  if (refresh && !isSuccessful(refresh.Status)) {
    return { ok: false, refresh, summary: `${describe(refresh)}; ${onVersion}` };
  }
  return {
    ok: false,
    refresh,
    summary: `not deployed: ${onVersion} (the group launches version ${fleet.groupVersion ?? 'unknown'}; outdated: ${outdated.join(', ') || 'none'})`,
  };
}
