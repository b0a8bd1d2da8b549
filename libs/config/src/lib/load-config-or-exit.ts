import { ConfigError } from './config-error';
import { loadWebappConfig, type WebappConfig } from './webapp-config';

/** For entry points: the validated config, or the ConfigError's message on stderr and exit code 1 (no stack trace). */
export function loadConfigOrExit(env: Readonly<Record<string, string | undefined>>): WebappConfig {
  try {
    return loadWebappConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}
