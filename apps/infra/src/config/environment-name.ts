import { readdirSync } from 'node:fs';
import { UsageError } from '@ha-uploads/process';
import { ENVIRONMENTS_DIR } from './environment-file';

/** The environments that have a `<name>.json` file in `dir`. */
export function environmentNames(dir: string = ENVIRONMENTS_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/**
 * `name` when it has an environment file, else a one-line error that names it and the environments there are: a
 * UsageError (exit 2) when a flag gave it, a plain Error (exit 1, bad configuration) when the environment did.
 */
export function assertEnvironmentName(name: string, option: string, dir: string = ENVIRONMENTS_DIR): string {
  const names = environmentNames(dir);
  if (!names.includes(name)) {
    const Refusal = option.startsWith('--') ? UsageError : Error;
    throw new Refusal(
      `${option}: must name an environment file in apps/infra/environments (${names.join(', ')}), got ${JSON.stringify(name)}`,
    );
  }
  return name;
}
