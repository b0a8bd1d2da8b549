import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { loadInfraEnv } from '@ha-uploads/config';
import type { PlanOfflineOptions } from '../lib/offline/plan-offline';
import { networkEnvOf } from '../lib/terraform/network-env';
import type { ProviderInstallation } from '../lib/terraform/provider-installation';
import { workspaceProviderInstallation } from '../lib/terraform/workspace-installation';

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/**
 * The provider installation `infra:plan` would use here: the mirror if present, else the registry into the plugin
 * cache.
 */
export function providerInstallationForSpecs(): ProviderInstallation {
  return workspaceProviderInstallation(loadInfraEnv(process.env), homedir(), WORKSPACE_ROOT);
}

/** PATH, HOME and the network settings of this process, as `infra:plan` hands them to terraform. */
export function baseEnvForSpecs(): PlanOfflineOptions['baseEnv'] {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...networkEnvOf(process.env) };
}
