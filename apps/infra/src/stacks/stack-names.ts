import type { DeploymentConfig } from '@ha-uploads/config';

// Kept free of cdktf imports: the deploy preflight needs the names before it may spend time loading the stacks.

/** Name of the one stack of an environment, as `cdktf deploy <stack>` and the output dir use it. */
export function stackName(config: DeploymentConfig): string {
  return `ha-uploads-${config.environment}`;
}

/** Name of the stack that creates an environment's state bucket (`infra:bootstrap-state`). */
export function stateBucketStackName(config: DeploymentConfig): string {
  return `ha-uploads-${config.environment}-state`;
}
