/**
 * How the ALB's target group checks an instance, and how the local load balancer copies it: one definition, two
 * readers. A dead target keeps getting its share of requests (and answering 502) until `unhealthyThreshold`
 * checks in a row have failed, so this pair sets the sudden-death window.
 */
export const TARGET_HEALTH_CHECK = {
  path: '/healthz',
  /** The ALB's minimum. */
  intervalSeconds: 5,
  /** Must stay below the interval. */
  timeoutSeconds: 3,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
  /** HTTP status codes that count as healthy. */
  matcher: '200',
} as const;

/** The health-check settings as a type, for readers that take them as props. */
export type TargetHealthCheck = typeof TARGET_HEALTH_CHECK;

/** Longest time a target that stops answering keeps receiving traffic: every check in the failing streak times out. */
export function unhealthyDetectionSeconds(
  check: {
    readonly intervalSeconds: number;
    readonly timeoutSeconds: number;
    readonly unhealthyThreshold: number;
  } = TARGET_HEALTH_CHECK,
): number {
  return check.intervalSeconds * check.unhealthyThreshold + check.timeoutSeconds;
}
