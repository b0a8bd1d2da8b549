/**
 * The instance refresh a deploy starts, in the API's terms (snake case, as terraform's `instance_refresh` block
 * writes them): the stack outputs it, and the deploy step sends it to StartInstanceRefresh.
 */
export interface InstanceRefreshSpec {
  readonly strategy: 'Rolling';
  /** What the refresh moves the group to; the group keeps its old template until the refresh succeeds. */
  readonly desired_configuration: { readonly launch_template: { readonly id: string; readonly version: string } };
  readonly preferences: {
    readonly min_healthy_percentage: number;
    readonly max_healthy_percentage: number;
    /** Back to the group's launch template version of before the refresh, when it fails or an alarm fires. */
    readonly auto_rollback: boolean;
    /** Instances already on the desired configuration stay. */
    readonly skip_matching: boolean;
    readonly alarm_specification?: { readonly alarms: readonly string[] };
  };
}
