import { readdirSync } from 'node:fs';
import { ENVIRONMENTS_DIR } from './environment-file';

/** The environments that have a `<name>.json` file in `dir`. */
export function environmentNames(dir: string = ENVIRONMENTS_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** `name` when it has an environment file, else a one-line error that names it and the environments there are. */
export function assertEnvironmentName(name: string, option: string, dir: string = ENVIRONMENTS_DIR): string {
  const names = environmentNames(dir);
  if (!names.includes(name)) {
    throw new Error(
      `${option}: must name an environment file in apps/infra/environments (${names.join(', ')}), got ${JSON.stringify(name)}`,
    );
  }
  return name;
}
