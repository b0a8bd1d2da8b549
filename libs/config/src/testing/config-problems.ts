import { ConfigError } from '../lib/config-error';

/** The smallest environment file the deployment schema accepts, for specs to extend. */
export const MINIMAL_DEPLOYMENT = {
  environment: 'dev',
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
} as const;

/** A generic OIDC sign-in for the environment file's `auth`, as the specs configure it. */
export const OIDC_AUTH = {
  provider: 'oidc',
  issuer: 'https://idp.example.com',
  authorizationEndpoint: 'https://idp.example.com/authorize',
  tokenEndpoint: 'https://idp.example.com/token',
  userInfoEndpoint: 'https://idp.example.com/userinfo',
  clientId: 'ha-uploads',
  clientSecret: { ssmParameter: '/ha-uploads/oidc-client-secret' },
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
