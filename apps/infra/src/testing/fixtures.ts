import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DeploymentConfig, parseDeploymentConfig } from '@ha-uploads/config';

export { PLACEHOLDER_BUNDLE_DIR as FIXTURE_BUNDLE_DIR } from '../offline/placeholder-bundle-dir';

/** A valid deployment config with test defaults, plus overrides. */
export function testDeploymentConfig(overrides: Record<string, unknown> = {}): DeploymentConfig {
  return parseDeploymentConfig({ environment: 'test', region: 'us-east-1', availabilityZones: ['us-east-1a', 'us-east-1b'], ...overrides });
}

/** A fresh temporary directory for synth output. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `infra-${prefix}-`));
}
