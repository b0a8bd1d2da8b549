import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DeploymentConfig, parseDeploymentConfig } from '@ha-uploads/config';
import { MINIMAL_DEPLOYMENT } from '@ha-uploads/config/testing';

export { OIDC_AUTH } from '@ha-uploads/config/testing';
export { PLACEHOLDER_BUNDLE_DIR as FIXTURE_BUNDLE_DIR } from '../lib/offline/placeholder-bundle-dir';

/** A valid deployment config with test defaults, plus overrides. */
export function testDeploymentConfig(overrides: Record<string, unknown> = {}): DeploymentConfig {
  return parseDeploymentConfig({ ...MINIMAL_DEPLOYMENT, environment: 'test', ...overrides });
}

/** A fresh temporary directory for synth output. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `infra-${prefix}-`));
}
