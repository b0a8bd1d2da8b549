import { ClusterOperationError } from './cluster-errors';
import type { AutoScalingGroup } from './auto-scaling-group';

/** Instance refresh preferences, as on the ASG. */
export interface RefreshPreferences {
  /** Share of the desired capacity that must stay in service. @default 100 */
  readonly minHealthyPercentage?: number;
  /**
   * Share of the desired capacity the group may grow to while replacing. @default - one instance above capacity: one at
   * a time
   */
  readonly maxHealthyPercentage?: number;
}

/** What a finished refresh did. */
export interface RefreshResult {
  readonly replaced: readonly string[];
  readonly launched: readonly string[];
  readonly durationMs: number;
}

/**
 * Replaces every instance in service when it starts, the way instance refresh does: launch a batch and wait until it
 * is healthy, then deregister, drain and terminate as many old ones; with no room above capacity, terminate first.
 * A batch that never turns healthy is terminated and the refresh fails, leaving the old instances serving.
 */
export async function refreshInstances(
  group: AutoScalingGroup,
  preferences: RefreshPreferences,
  progress: (line: string) => void,
): Promise<RefreshResult> {
  const { min, max } = validatePreferences(preferences);
  return group.exclusively('roll', async () => {
    const startedAt = Date.now();
    const capacity = group.desiredCapacity;
    const minInService = Math.ceil((capacity * min) / 100);
    const maxTotal = max === undefined ? capacity + 1 : Math.floor((capacity * max) / 100);
    const surge = maxTotal - capacity;
    const removable = capacity - minInService;
    if (surge <= 0 && removable <= 0) {
      throw new ClusterOperationError(
        'INVALID_REQUEST',
        `min healthy ${min}% and max healthy ${max ?? 100}% of ${capacity} instances leave no room to replace one`,
      );
    }
    const old = group
      .instances()
      .filter((i) => i.lifecycle === 'in-service' || i.lifecycle === 'pending')
      .map((i) => i.id);
    const replaced: string[] = [];
    const launched: string[] = [];
    progress(
      `roll: replacing ${old.length} instances (${old.join(', ')}), keeping at least ${minInService} of ${capacity} in service and at most ${maxTotal} running`,
    );
    // An old instance the group replaced on its own meanwhile (lost, unhealthy) needs no replacing by the roll.
    const remainingOld = () => {
      const live = new Set(
        group
          .instances()
          .filter((i) => i.lifecycle === 'in-service' || i.lifecycle === 'pending')
          .map((i) => i.id),
      );
      return old.filter((id) => !replaced.includes(id) && live.has(id));
    };
    for (let remaining = remainingOld(); remaining.length > 0; remaining = remainingOld()) {
      if (surge > 0) {
        const batch = remaining.slice(0, Math.min(surge, remaining.length));
        progress(`roll: launching ${batch.length} new instance(s) to replace ${batch.join(', ')}`);
        const fresh = await group.launchSurge(batch.length);
        progress(`roll: ${fresh.join(', ')} in service; retiring ${batch.join(', ')}`);
        await group.retire(batch, 'instance refresh');
        launched.push(...fresh);
        replaced.push(...batch);
      } else {
        const batch = remaining.slice(0, Math.min(removable, remaining.length));
        progress(`roll: retiring ${batch.join(', ')} first (no room above ${capacity})`);
        await group.retire(batch, 'instance refresh');
        replaced.push(...batch);
        const fresh = await group.launchSurge(batch.length);
        launched.push(...fresh);
        progress(`roll: ${fresh.join(', ')} in service`);
      }
      progress(`roll: ${replaced.length} of ${old.length} replaced`);
    }
    const durationMs = Date.now() - startedAt;
    progress(`roll: done in ${(durationMs / 1000).toFixed(1)} s; in service: ${launched.join(', ')}`);
    return { replaced, launched, durationMs };
  });
}

/** Checks the percentages the way the ASG API does; throws naming the value. */
export function validatePreferences(preferences: RefreshPreferences): { min: number; max?: number } {
  const min = preferences.minHealthyPercentage ?? 100;
  const max = preferences.maxHealthyPercentage;
  if (!Number.isInteger(min) || min < 0 || min > 100) {
    throw new ClusterOperationError(
      'INVALID_REQUEST',
      `min healthy percentage must be a whole number from 0 to 100, got ${min}`,
    );
  }
  if (max !== undefined && (!Number.isInteger(max) || max < 100 || max > 200)) {
    throw new ClusterOperationError(
      'INVALID_REQUEST',
      `max healthy percentage must be a whole number from 100 to 200, got ${max}`,
    );
  }
  return { min, max };
}
