import { ConfigError } from '../lib/config-error';

/** The smallest environment file the deployment schema accepts, for specs to extend. */
export const MINIMAL_DEPLOYMENT = {
  environment: 'dev',
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
} as const;

/**
 * The message of the ConfigError `parse` throws; anything else it throws is rethrown, and accepting the input fails.
 */
export function configProblemsOf(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}
