import { resolve } from 'node:path';
import type { InfraEnv } from '@ha-uploads/config';
import { defaultMirrorRoots } from '../offline/provider-mirror';
import { type ProviderInstallation, resolveProviderInstallation } from './provider-installation';

/** The workspace's plugin cache (git-ignored; CI caches it). */
export const WORKSPACE_PLUGIN_CACHE = '.terraform-plugins';

/** The provider installation every infra command uses: TF_PROVIDER_MIRROR, a discovered mirror, or the registry. */
export function workspaceProviderInstallation(
  infraEnv: InfraEnv,
  home: string,
  workspaceRoot: string,
): ProviderInstallation {
  return resolveProviderInstallation({
    configuredMirror: infraEnv.providerMirror,
    mirrorRoots: defaultMirrorRoots(home),
    pluginCacheDir: resolve(workspaceRoot, infraEnv.pluginCacheDir ?? WORKSPACE_PLUGIN_CACHE),
  });
}
