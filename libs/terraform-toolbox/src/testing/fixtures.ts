import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DeploymentConfig, parseDeploymentConfig } from '@ha-uploads/config';

export { PLACEHOLDER_BUNDLE_DIR as FIXTURE_BUNDLE_DIR } from '../lib/offline/placeholder-bundle-dir';

/** A valid deployment config with test defaults, plus overrides. */
export function testDeploymentConfig(overrides: Record<string, unknown> = {}): DeploymentConfig {
  return parseDeploymentConfig({
    environment: 'test',
    region: 'us-east-1',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    ...overrides,
  });
}

/** A fresh temporary directory for synth output. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `infra-${prefix}-`));
}

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
