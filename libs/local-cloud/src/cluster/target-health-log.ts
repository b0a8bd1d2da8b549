import type { TargetHealthChange } from './target-pool';

/** One log line per target health change, worded as the ALB's console reports it: state, then reason code. */
export function describeTargetHealth(change: TargetHealthChange): string {
  const address = change.target.url.replace(/^https?:\/\//, '');
  const reason = change.reason ? ` (${change.reason})` : '';
  return `target ${change.target.id} ${address}: ${change.from} -> ${change.to}${reason}`;
}
