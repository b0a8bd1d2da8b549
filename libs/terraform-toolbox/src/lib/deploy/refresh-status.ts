import type { InstanceRefreshStatus } from '@aws-sdk/client-auto-scaling';

/** States in which instance refresh is still working: a deploy waits through them. */
const ACTIVE: ReadonlySet<string> = new Set<InstanceRefreshStatus>([
  'Pending',
  'InProgress',
  'Cancelling',
  'RollbackInProgress',
  'Baking',
]);

/** Whether the refresh has not reached a final state yet. */
export function isActive(status: string | undefined): boolean {
  return status !== undefined && ACTIVE.has(status);
}

/**
 * Whether the refresh ended with the new version in place; every other final state (Failed, Cancelled, Rollback*) did
 * not.
 */
export function isSuccessful(status: string | undefined): boolean {
  return status === 'Successful';
}
