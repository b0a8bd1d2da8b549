import { mkdirSync } from 'node:fs';
import { AWS_PROVIDER_PIN } from './aws-provider-pin';
import { type ProviderInstallation, TF_PLUGIN_CACHE_DIR_ENV } from './provider-installation';
import { TF_PROVIDER_MIRROR_ENV } from '../offline/provider-mirror';
import { type TerraformRun, runTerraform } from '../offline/terraform-cli';
import type { NetworkEnv } from './network-env';

/** The arguments of `terraform init` for a stack planned without a backend. */
export const INIT_WITHOUT_BACKEND_ARGS: readonly string[] = ['init', '-backend=false', '-input=false', '-no-color'];

/** Thrown when the provider can be had neither from a mirror nor from the registry. */
export class ProviderInstallError extends Error {
  readonly code = 'PROVIDER_UNAVAILABLE';

  constructor(
    message: string,
    /** The terraform arguments that failed. */
    readonly args: readonly string[],
  ) {
    super(message);
    this.name = 'ProviderInstallError';
  }
}

/** The paragraph of terraform's output (unwrapped into one line) that says why the registry could not be reached. */
function registryReason(output: string): string {
  const paragraphs = output.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim());
  const reason = paragraphs.find((p) => /could not connect|dial tcp|no such host|timeout|refused/i.test(p));
  return reason ?? paragraphs.find((p) => p.startsWith('Error:')) ?? 'terraform init failed';
}

/**
 * Runs `terraform init` in `stackDir`. From the registry, `networkEnv` (the caller's proxies and TLS roots) joins
 * `env`, and
 * a failure becomes one message naming both ways out: a mirror, or the network.
 */
export async function initProviders(
  terraform: string,
  args: readonly string[],
  stackDir: string,
  installation: ProviderInstallation,
  env: NodeJS.ProcessEnv,
  networkEnv: NetworkEnv = {},
): Promise<TerraformRun> {
  if (installation.kind === 'mirror') return runTerraform(terraform, args, stackDir, env);
  mkdirSync(installation.pluginCacheDir, { recursive: true }); // terraform only fills a cache that exists
  try {
    const cleared = {
      HTTP_PROXY: undefined,
      HTTPS_PROXY: undefined,
      NO_PROXY: undefined,
      SSL_CERT_FILE: undefined,
      SSL_CERT_DIR: undefined,
    };
    return await runTerraform(terraform, args, stackDir, { ...env, ...cleared, ...networkEnv });
  } catch (err) {
    const reason = registryReason((err as Error).message);
    throw new ProviderInstallError(
      `no provider mirror found and ${AWS_PROVIDER_PIN.source} ${AWS_PROVIDER_PIN.version} could not be downloaded (${reason}); ` +
        `either set ${TF_PROVIDER_MIRROR_ENV} to a folder holding ${AWS_PROVIDER_PIN.source}, or connect to the network once ` +
        `so terraform can fill the plugin cache ${installation.pluginCacheDir} (${TF_PLUGIN_CACHE_DIR_ENV})`,
      args,
    );
  }
}
