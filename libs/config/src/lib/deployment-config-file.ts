import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { type DeploymentConfig, parseDeploymentConfig } from './deployment-config';

/**
 * Reads and validates `<dir>/<name>.json`, applying the overrides in `env` (STICKY_SESSIONS, STICKY_DURATION_SECONDS).
 * Infra deploys from it and the local cluster takes its stickiness from it. Throws ConfigError naming the file and
 * each bad field.
 */
export function loadDeploymentConfigFile(
  dir: string,
  name: string,
  env: Readonly<Record<string, string | undefined>> = {},
): DeploymentConfig {
  if (!/^[a-z][a-z0-9-]{1,19}$/.test(name)) {
    throw new ConfigError('DEPLOY_ENV', [
      `DEPLOY_ENV: must name a file in ${dir} such as "dev", got ${JSON.stringify(name)}`,
    ]);
  }
  const file = join(dir, `${name}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(file, [`${file}: ${(err as Error).message}`]);
  }
  const config = parseDeploymentConfig(raw, env);
  if (config.environment !== name) {
    throw new ConfigError(file, [
      `environment: must match the file name ${JSON.stringify(name)}, got ${JSON.stringify(config.environment)}`,
    ]);
  }
  return config;
}
