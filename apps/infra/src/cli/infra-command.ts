import type { DeploymentConfig } from '@ha-uploads/config';
import { UsageError } from '@ha-uploads/process';
import { DEFAULT_OUTPUTS_FILE } from '@ha-uploads/terraform-toolbox';
import { stackName, stateBucketStackName } from '../stacks/stack-names';

/** The infra commands that go through {@link cdktfInvocation}. */
export const INFRA_COMMANDS = ['synth', 'deploy', 'diff', 'destroy', 'bootstrap-state', 'output'] as const;
export type InfraCommand = (typeof INFRA_COMMANDS)[number];

/** What to run for an infra command: the cdktf arguments, and whether the AWS account is checked first. */
export interface CdktfInvocation {
  readonly args: readonly string[];
  readonly preflight: boolean;
  /** Start and wait for the instance refresh, reading the outputs cdktf wrote to this file (deploy only). */
  readonly refreshOutputsFile?: string;
}

/** Thrown for a command line that cannot run; the message says what to change. */
export class InfraCommandError extends Error {
  readonly code = 'INFRA_COMMAND_INVALID';
}

/** Parses the command name; throws a UsageError naming the value and the known ones. */
export function parseInfraCommand(name: string | undefined): InfraCommand {
  if ((INFRA_COMMANDS as readonly string[]).includes(name ?? '')) return name as InfraCommand;
  throw new UsageError(
    `unknown infra command ${JSON.stringify(name ?? '')}: expected one of ${INFRA_COMMANDS.join(', ')}`,
  );
}

/**
 * The cdktf command line: synth makes every stack; the others always name their stack (an environment with a state
 * bucket has two), `extraArgs`
 * (e.g. `--auto-approve`) passed on.
 */
export function cdktfInvocation(
  command: InfraCommand,
  config: DeploymentConfig,
  environmentFile: string,
  extraArgs: readonly string[],
): CdktfInvocation {
  if (command === 'bootstrap-state') {
    if (!config.stateBucket) {
      throw new InfraCommandError(
        `${environmentFile} names no stateBucket; add "stateBucket": "<globally unique name>" to it first`,
      );
    }
    return { args: ['deploy', stateBucketStackName(config), ...extraArgs], preflight: true };
  }
  if (command === 'synth')
    return { args: ['synth', '--check-code-maker-output=false', ...extraArgs], preflight: false };
  if (command === 'deploy') {
    return {
      args: ['deploy', stackName(config), `--outputs-file=${DEFAULT_OUTPUTS_FILE}`, ...extraArgs],
      preflight: true,
      refreshOutputsFile: DEFAULT_OUTPUTS_FILE,
    };
  }
  return { args: [command, stackName(config), ...extraArgs], preflight: command !== 'output' };
}

/** Extra environment for cdktf: when the output is not a terminal, CI mode, so its spinner prints no escape codes. */
export function cdktfOutputEnv(stdoutIsTerminal: boolean): Readonly<Record<string, string>> {
  return stdoutIsTerminal ? {} : { CI: 'true' };
}
