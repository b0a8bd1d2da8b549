import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../testing/fixtures';
import { AWS_PROVIDER_PIN, terraformPlatform } from './aws-provider-pin';
import { describeProviderInstallation, providerCliConfig, resolveProviderInstallation } from './provider-installation';

function withProvider(dir: string): string {
  mkdirSync(join(dir, 'registry.terraform.io', 'hashicorp', 'aws', AWS_PROVIDER_PIN.version, terraformPlatform()), {
    recursive: true,
  });
  return dir;
}

describe('resolveProviderInstallation', () => {
  it('takes TF_PROVIDER_MIRROR first', () => {
    // GIVEN
    const configured = withProvider(tempDir('configured'));
    // WHEN
    const installation = resolveProviderInstallation({
      configuredMirror: configured,
      mirrorRoots: [withProvider(tempDir('other'))],
      pluginCacheDir: tempDir('cache'),
    });
    // THEN
    expect(installation).toEqual({ kind: 'mirror', mirror: configured, origin: 'configured' });
  });

  it('refuses a TF_PROVIDER_MIRROR without the provider, naming it', () => {
    const empty = tempDir('configured');
    expect(() =>
      resolveProviderInstallation({ configuredMirror: empty, mirrorRoots: [], pluginCacheDir: tempDir('cache') }),
    ).toThrow(
      `TF_PROVIDER_MIRROR: must be a directory holding registry.terraform.io/hashicorp/aws, got ${JSON.stringify(empty)}`,
    );
  });

  it('uses a mirror discovered under the roots', () => {
    const root = tempDir('root');
    const mirror = withProvider(join(root, 'tf-plugins'));
    expect(resolveProviderInstallation({ mirrorRoots: [root], pluginCacheDir: tempDir('cache') })).toEqual({
      kind: 'mirror',
      mirror,
      origin: 'discovered',
    });
  });

  it('uses a plugin cache that already holds the pinned provider as a mirror, so a second run is offline', () => {
    const cache = withProvider(tempDir('cache'));
    expect(resolveProviderInstallation({ mirrorRoots: [tempDir('root')], pluginCacheDir: cache })).toEqual({
      kind: 'mirror',
      mirror: cache,
      origin: 'plugin-cache',
    });
  });

  it('falls back to the registry through the plugin cache', () => {
    const cache = join(tempDir('cache'), 'not-yet');
    expect(resolveProviderInstallation({ mirrorRoots: [tempDir('root')], pluginCacheDir: cache })).toEqual({
      kind: 'registry',
      pluginCacheDir: cache,
    });
  });
});

describe('providerCliConfig', () => {
  it('installs hashicorp providers from a mirror only', () => {
    expect(providerCliConfig({ kind: 'mirror', mirror: '/m', origin: 'discovered' })).toBe(
      'provider_installation {\n  filesystem_mirror {\n    path    = "/m"\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n' +
        '  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n',
    );
  });

  it('downloads from the registry into the plugin cache', () => {
    expect(providerCliConfig({ kind: 'registry', pluginCacheDir: '/c' })).toBe(
      'plugin_cache_dir = "/c"\nprovider_installation {\n  direct {}\n}\n',
    );
  });

  it('says in one line where the provider comes from', () => {
    expect(describeProviderInstallation({ kind: 'registry', pluginCacheDir: '/c' })).toBe(
      'aws provider 5.100.0: from the registry into /c',
    );
  });
});
