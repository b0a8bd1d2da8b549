import { type AutoScalingClient, StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import type { InstanceRefreshSpec } from './instance-refresh-spec';
import { describeFleetVersions, outdatedInstances } from './fleet-version';

/** What {@link startInstanceRefresh} did. */
export type RefreshStart =
  { readonly started: true; readonly id: string } | { readonly started: false; readonly reason: string };

/**
 * Starts the stack's instance refresh with its desired configuration, so the group keeps its old launch template
 * version until the refresh succeeds and a rollback returns to it. Starts nothing when the group and every in-service
 * instance already run the desired version (the first deploy, or a deploy that changed no template).
 */
export async function startInstanceRefresh(
  client: AutoScalingClient,
  groupName: string,
  spec: InstanceRefreshSpec,
): Promise<RefreshStart> {
  const { id, version } = spec.desired_configuration.launch_template;
  const fleet = await describeFleetVersions(client, groupName);
  if (fleet.groupVersion === version && outdatedInstances(fleet, version).length === 0) {
    return { started: false, reason: `${groupName} already runs launch template version ${version}` };
  }
  const { preferences } = spec;
  const answer = await client.send(
    new StartInstanceRefreshCommand({
      AutoScalingGroupName: groupName,
      Strategy: spec.strategy,
      DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: id, Version: version } },
      Preferences: {
        MinHealthyPercentage: preferences.min_healthy_percentage,
        MaxHealthyPercentage: preferences.max_healthy_percentage,
        AutoRollback: preferences.auto_rollback,
        SkipMatching: preferences.skip_matching,
        ...(preferences.alarm_specification
          ? { AlarmSpecification: { Alarms: [...preferences.alarm_specification.alarms] } }
          : {}),
      },
    }),
  );
  if (!answer.InstanceRefreshId) throw new Error(`StartInstanceRefresh for ${groupName} answered no refresh id`);
  return { started: true, id: answer.InstanceRefreshId };
}
