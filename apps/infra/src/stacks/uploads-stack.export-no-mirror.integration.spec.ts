import { join } from 'node:path';
import { loadEnvironmentConfig } from '../config/environment-file';
import { findTerraform } from '@ha-uploads/terraform-toolbox';
import { ProviderInstallError } from '@ha-uploads/terraform-toolbox';
import { tempDir } from '@ha-uploads/terraform-toolbox/testing';
import { startRecordingProxy } from '@ha-uploads/terraform-toolbox/testing';
import { exportHcl } from '@ha-uploads/terraform-toolbox';
import { fixtureStack } from '../testing/fixture-stack';

// Without a mirror and without the registry, the export stops with the message `infra:plan` gives.
const terraform = findTerraform(process.env.PATH);
if (!terraform) throw new Error('terraform 1.11 must be on PATH for the export tests');

describe('exportHcl without a mirror or a registry', () => {
  it('names both ways out, as infra:plan does, instead of a raw terraform init error', async () => {
    // GIVEN an empty plugin cache and a loopback proxy that refuses every tunnel
    const proxy = await startRecordingProxy();
    const pluginCacheDir = join(tempDir('plugin-cache'), 'cache');
    try {
      // WHEN
      const exporting = exportHcl({
        ...fixtureStack(loadEnvironmentConfig('dev')),
        outDir: join(tempDir('export'), 'dev'),
        scratchDir: tempDir('export-scratch'),
        terraform: terraform as string,
        providerInstallation: { kind: 'registry', pluginCacheDir },
        baseEnv: { PATH: process.env.PATH, HOME: tempDir('home'), HTTPS_PROXY: proxy.url },
      });
      // THEN
      const error = await exporting.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(ProviderInstallError);
      expect((error as Error).message).toMatch(
        /^no provider mirror found and registry\.terraform\.io\/hashicorp\/aws 5\.100\.0 could not be downloaded \(.*Bad Gateway.*\); either set TF_PROVIDER_MIRROR .* or connect to the network once/,
      );
      expect(proxy.connects).toEqual(['registry.terraform.io:443']);
    } finally {
      await proxy.close();
    }
  });
});
