import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TF_PROVIDER_MIRROR_ENV, discoverProviderMirror, isProviderMirror } from '../offline/provider-mirror';
import { AWS_PROVIDER_PIN, terraformPlatform } from './aws-provider-pin';

/** Environment variable naming the plugin cache that registry downloads go to (terraform's own name for it). */
export const TF_PLUGIN_CACHE_DIR_ENV = 'TF_PLUGIN_CACHE_DIR';

/** Where terraform takes the AWS provider from. */
export type ProviderInstallation =
  /** A filesystem mirror: fully offline. `origin` says how it was found. */
  | { readonly kind: 'mirror'; readonly mirror: string; readonly origin: 'configured' | 'discovered' | 'plugin-cache' }
  /** The public registry, downloading into (and reusing) a plugin cache. */
  | { readonly kind: 'registry'; readonly pluginCacheDir: string };

/** Inputs of {@link resolveProviderInstallation}: plain values, read from the environment by the caller. */
export interface ProviderInstallationOptions {
  /** TF_PROVIDER_MIRROR: must hold the provider when set. */
  readonly configuredMirror?: string;
  /** Folders searched for a mirror when none is configured. */
  readonly mirrorRoots: readonly string[];
  /** The plugin cache (TF_PLUGIN_CACHE_DIR, else `.terraform-plugins/` in the workspace). */
  readonly pluginCacheDir: string;
}

/** Whether `dir` holds the pinned AWS provider for this machine in terraform's unpacked layout. */
export function holdsPinnedProvider(dir: string): boolean {
  return existsSync(join(dir, AWS_PROVIDER_PIN.source, AWS_PROVIDER_PIN.version, terraformPlatform()));
}

/**
 * The configured mirror, else a discovered one, else a plugin cache that already holds the pinned provider (used
 * as a mirror, so a second run needs no network), else the registry with that cache.
 */
export function resolveProviderInstallation(options: ProviderInstallationOptions): ProviderInstallation {
  if (options.configuredMirror) {
    if (!isProviderMirror(options.configuredMirror)) {
      throw new Error(
        `${TF_PROVIDER_MIRROR_ENV}: must be a directory holding ${AWS_PROVIDER_PIN.source}, got ${JSON.stringify(options.configuredMirror)}`,
      );
    }
    return { kind: 'mirror', mirror: options.configuredMirror, origin: 'configured' };
  }
  const discovered = discoverProviderMirror(options.mirrorRoots);
  if (discovered) return { kind: 'mirror', mirror: discovered, origin: 'discovered' };
  if (holdsPinnedProvider(options.pluginCacheDir))
    return { kind: 'mirror', mirror: options.pluginCacheDir, origin: 'plugin-cache' };
  return { kind: 'registry', pluginCacheDir: options.pluginCacheDir };
}

/** The terraform CLI configuration for an installation: mirror only, or the registry through the plugin cache. */
export function providerCliConfig(installation: ProviderInstallation): string {
  if (installation.kind === 'mirror') {
    return [
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(installation.mirror)}`,
      '    include = ["registry.terraform.io/hashicorp/*"]',
      '  }',
      '  direct {',
      '    exclude = ["registry.terraform.io/hashicorp/*"]',
      '  }',
      '}',
      '',
    ].join('\n');
  }
  return [
    `plugin_cache_dir = ${JSON.stringify(installation.pluginCacheDir)}`,
    'provider_installation {',
    '  direct {}',
    '}',
    '',
  ].join('\n');
}

/** One line for the log: where the provider comes from. */
export function describeProviderInstallation(installation: ProviderInstallation): string {
  if (installation.kind === 'registry') {
    return `aws provider ${AWS_PROVIDER_PIN.version}: from the registry into ${installation.pluginCacheDir}`;
  }
  const from = { configured: `${TF_PROVIDER_MIRROR_ENV}`, discovered: 'mirror', 'plugin-cache': 'plugin cache' }[
    installation.origin
  ];
  return `aws provider ${AWS_PROVIDER_PIN.version}: offline, from the ${from} ${installation.mirror}`;
}
