/** The range the ALB accepts for `lb_cookie` stickiness, shared by infra and the local load balancer. */
export const STICKINESS_DURATION_SECONDS = { min: 1, max: 604_800, default: 86_400 } as const;

/** Throws the message both apps show for an out-of-range stickiness duration. */
export function assertStickinessDuration(seconds: number): void {
  const { min, max } = STICKINESS_DURATION_SECONDS;
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw new RangeError(`stickiness duration must be between ${min} and ${max} seconds, got ${seconds}`);
  }
}
