// Test helpers for the config's specs and its consumers': the smallest environment file, and a ConfigError's message.
export { configProblemsOf, MINIMAL_DEPLOYMENT, OIDC_AUTH } from './testing/config-problems';
