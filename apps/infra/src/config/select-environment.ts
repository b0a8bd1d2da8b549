import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '@ha-uploads/process';
import { ENVIRONMENTS_DIR } from './environment-file';
import { environmentNames } from './environment-name';

/** Thrown for a DEPLOY_ENV that has no file; the message names the value and the known ones. */
export class UnknownEnvironmentError extends Error {
  readonly code = 'UNKNOWN_ENVIRONMENT';
}

/**
 * The flags that pick the environment, for parseCli. `--environment` too: the spelling for a target run through
 * nx:run-commands, which reserves `--env` for itself.
 */
export const ENVIRONMENT_OPTIONS = { env: { type: 'string' }, environment: { type: 'string' } } as const;

/** The values parseCli returns for {@link ENVIRONMENT_OPTIONS}. */
export interface EnvironmentFlags {
  readonly env?: string;
  readonly environment?: string;
}

const FLAGS = ['--env', '--environment'];

/**
 * `--env` (or `--environment`) wins over DEPLOY_ENV (already defaulted to `dev`); a name without a file is refused in
 * one line: a UsageError for a flag, an UnknownEnvironmentError for DEPLOY_ENV.
 */
export function selectEnvironment(flags: EnvironmentFlags, deployEnv: string, dir: string = ENVIRONMENTS_DIR): string {
  const fromFlag = flags.env ?? flags.environment;
  const name = fromFlag ?? deployEnv;
  const source = flags.env !== undefined ? '--env' : flags.environment !== undefined ? '--environment' : 'DEPLOY_ENV';
  if (!/^[a-z][a-z0-9-]{1,19}$/.test(name) || !existsSync(join(dir, `${name}.json`))) {
    const known = environmentNames(dir).join(', ');
    const message = `unknown environment ${JSON.stringify(name)} (${source}): expected one of ${known}, the files in ${dir}`;
    throw fromFlag === undefined ? new UnknownEnvironmentError(message) : new UsageError(message);
  }
  return name;
}

/** `argv` split into the environment flags (with their values) and `--help`, and the rest to pass on in order. */
export function splitEnvironmentArguments(argv: readonly string[]): { own: string[]; rest: string[] } {
  const own: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--help' || FLAGS.some((f) => argv[i].startsWith(`${f}=`))) own.push(argv[i]);
    else if (FLAGS.includes(argv[i])) {
      own.push(...argv.slice(i, i + 2)); // the flag and its value
      i++;
    } else rest.push(argv[i]);
  }
  return { own, rest };
}
