import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_PROVIDER_PIN } from '../../lib/terraform/aws-provider-pin';
import { INIT_WITHOUT_BACKEND_ARGS, initProviders } from '../../lib/terraform/init-providers';
import { providerCliConfig } from '../../lib/terraform/provider-installation';
import { baseEnvForSpecs, providerInstallationForSpecs } from '../workspace-provider';

/**
 * A folder in mirror layout holding the pinned provider, found as `infra:plan` finds it: the mirror, else the plugin
 * cache, which is first filled from the registry (through this process's network settings) when it is empty.
 */
export async function machineProviderFolder(terraform: string, scratchDir: string): Promise<string> {
  const installation = providerInstallationForSpecs();
  if (installation.kind === 'mirror') return installation.mirror;
  mkdirSync(scratchDir, { recursive: true });
  const required = { aws: { source: AWS_PROVIDER_PIN.source, version: AWS_PROVIDER_PIN.version } };
  writeFileSync(join(scratchDir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: required } }));
  writeFileSync(join(scratchDir, 'cli.tfrc'), providerCliConfig(installation));
  const { PATH, HOME, ...networkEnv } = baseEnvForSpecs();
  const env = { PATH, HOME, TF_CLI_CONFIG_FILE: join(scratchDir, 'cli.tfrc'), CHECKPOINT_DISABLE: '1' };
  await initProviders(terraform, INIT_WITHOUT_BACKEND_ARGS, scratchDir, installation, env, networkEnv);
  return installation.pluginCacheDir;
}
