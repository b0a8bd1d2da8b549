import type { DeploymentConfig } from '@ha-uploads/config';
import { stackSynthesizer } from '../build-app';
import type { SynthesizeStack } from '@ha-uploads/terraform-toolbox';
import { FIXTURE_BUNDLE_DIR } from '@ha-uploads/terraform-toolbox/testing';

/** The environment's config and its stack with the placeholder bundle, as the toolbox's specs plan and export it. */
export function fixtureStack(config: DeploymentConfig): { config: DeploymentConfig; synthesize: SynthesizeStack } {
  return { config, synthesize: stackSynthesizer(config, FIXTURE_BUNDLE_DIR) };
}
