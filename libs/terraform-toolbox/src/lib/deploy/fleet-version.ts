import { type AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';

/** Which launch template versions the group's in-service instances run. */
export interface FleetVersions {
  /** Version the group launches new instances from. */
  readonly groupVersion?: string;
  /** In-service instance id -> launch template version. */
  readonly instances: ReadonlyMap<string, string | undefined>;
}

/** Reads the group's launch template version and that of each in-service instance. */
export async function describeFleetVersions(client: AutoScalingClient, groupName: string): Promise<FleetVersions> {
  const answer = await client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }));
  const group = answer.AutoScalingGroups?.[0];
  if (!group)
    throw new Error(`auto scaling group ${JSON.stringify(groupName)} does not exist in this account and region`);
  const inService = (group.Instances ?? []).filter((i) => i.LifecycleState === 'InService');
  return {
    groupVersion: group.LaunchTemplate?.Version,
    instances: new Map(inService.map((i) => [i.InstanceId ?? '?', i.LaunchTemplate?.Version])),
  };
}

/** Instances that do not run `version`. */
export function outdatedInstances(fleet: FleetVersions, version: string): string[] {
  return [...fleet.instances].filter(([, v]) => v !== version).map(([id, v]) => `${id} (version ${v ?? 'unknown'})`);
}
