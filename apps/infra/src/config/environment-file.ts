import { join } from 'node:path';
import { type DeploymentConfig, loadDeploymentConfigFile } from '@ha-uploads/config';

/** apps/infra/environments, one `<name>.json` per environment. */
export const ENVIRONMENTS_DIR = join(__dirname, '..', '..', 'environments');

/** The validated `<name>.json` of apps/infra/environments (or `dir`), with the env overrides applied. */
export function loadEnvironmentConfig(
  name: string,
  env: Readonly<Record<string, string | undefined>> = {},
  dir: string = ENVIRONMENTS_DIR,
): DeploymentConfig {
  return loadDeploymentConfigFile(dir, name, env);
}
