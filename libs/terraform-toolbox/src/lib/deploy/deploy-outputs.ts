import { existsSync, readFileSync } from 'node:fs';
import type { InstanceRefreshSpec } from './instance-refresh-spec';

/** Where `infra:deploy` has cdktf write the stack outputs: synth has created the folder by then, and git ignores it. */
export const DEFAULT_OUTPUTS_FILE = 'cdktf.out/deploy-outputs.json';

/** The outputs the refresh waiter needs from the stack just deployed. */
export interface DeployOutputs {
  readonly autoScalingGroup: string;
  readonly launchTemplateVersion: string;
  /** The refresh to start: the stack's `instanceRefresh` output. */
  readonly instanceRefresh: InstanceRefreshSpec;
}

/** The `instanceRefresh` output: JSON text, as the stack writes it; undefined when it is anything else. */
function parseRefresh(value: unknown): InstanceRefreshSpec | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as InstanceRefreshSpec;
  } catch {
    return undefined;
  }
}

/** Reads one stack's outputs from the file `cdktf deploy --outputs-file` wrote; errors say what to run instead. */
export function readDeployOutputs(file: string, stack: string): DeployOutputs {
  if (!existsSync(file))
    throw new Error(
      `no stack outputs at ${file}: run cdktf deploy with --outputs-file=${file} first (npx nx run infra:deploy does)`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`stack outputs at ${file} are not JSON: ${(err as Error).message}`);
  }
  const outputs = (parsed as Record<string, Record<string, unknown> | undefined>)?.[stack];
  if (!outputs)
    throw new Error(
      `stack outputs at ${file} have no stack ${JSON.stringify(stack)}, got ${JSON.stringify(Object.keys(parsed ?? {}))}`,
    );
  const group = outputs.autoScalingGroup;
  const version = outputs.launchTemplateVersion;
  if (typeof group !== 'string' || group === '')
    throw new Error(`stack outputs of ${stack} lack autoScalingGroup, got ${JSON.stringify(group)}`);
  if (typeof version !== 'number' && typeof version !== 'string') {
    throw new Error(`stack outputs of ${stack} lack launchTemplateVersion, got ${JSON.stringify(version)}`);
  }
  const refresh = parseRefresh(outputs.instanceRefresh);
  if (
    typeof refresh?.desired_configuration?.launch_template?.id !== 'string' ||
    typeof refresh.preferences !== 'object'
  ) {
    throw new Error(
      `stack outputs of ${stack} lack instanceRefresh (JSON with a desired launch template), got ${JSON.stringify(outputs.instanceRefresh)}`,
    );
  }
  return { autoScalingGroup: group, launchTemplateVersion: String(version), instanceRefresh: refresh };
}
