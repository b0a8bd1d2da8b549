import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONMENTS_DIR } from './environment-file';

/** Thrown for an environment name that has no file; the message names the value and the known ones. */
export class UnknownEnvironmentError extends Error {
  readonly code = 'UNKNOWN_ENVIRONMENT';
}

/** The environments that have a file in `dir`, sorted. */
export function knownEnvironments(dir: string = ENVIRONMENTS_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

// `--environment` too: the spelling for a target run through nx:run-commands, which reserves `--env` for itself.
const FLAGS = ['--env', '--environment'];

/** The value of `--env=<name>` or `--environment=<name>` (or `--env <name>`) in `argv`, if any. */
export function envArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const flag = FLAGS.find((f) => argv[i].startsWith(`${f}=`));
    if (flag) return argv[i].slice(flag.length + 1);
    if (FLAGS.includes(argv[i])) return argv[i + 1];
  }
  return undefined;
}

/** `--env` wins over DEPLOY_ENV (already defaulted to `dev`); a name without a file is refused in one line. */
export function selectEnvironment(argv: readonly string[], deployEnv: string, dir: string = ENVIRONMENTS_DIR): string {
  const fromArgs = envArgument(argv);
  const name = fromArgs ?? deployEnv;
  const source =
    fromArgs === undefined
      ? 'DEPLOY_ENV'
      : (FLAGS.find((f) => argv.some((a) => a === f || a.startsWith(`${f}=`))) ?? '--env');
  if (!/^[a-z][a-z0-9-]{1,19}$/.test(name) || !existsSync(join(dir, `${name}.json`))) {
    throw new UnknownEnvironmentError(
      `unknown environment ${JSON.stringify(name)} (${source}): expected one of ${knownEnvironments(dir).join(', ')}, the files in ${dir}`,
    );
  }
  return name;
}

/** `argv` without its `--env` option, to pass the rest on. */
export function withoutEnvArgument(argv: readonly string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (FLAGS.some((f) => argv[i].startsWith(`${f}=`))) continue;
    if (FLAGS.includes(argv[i])) {
      i++;
      continue;
    }
    rest.push(argv[i]);
  }
  return rest;
}
