import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironmentConfig } from '../config/environment-file';
import { planOffline } from '@ha-uploads/terraform-toolbox';
import { findTerraform } from '@ha-uploads/terraform-toolbox';
import { machineProviderFolder } from '@ha-uploads/terraform-toolbox/testing';
import { type RegistryStandIn, startRegistryStandIn } from '@ha-uploads/terraform-toolbox/testing';
import { resolveProviderInstallation } from '@ha-uploads/terraform-toolbox';
import { fixtureStack } from '../testing/fixture-stack';

// A machine with network but no mirror: the rehearsal downloads the provider from the registry into the plugin cache.
// The registry is a loopback stand-in serving this machine's provider over TLS, reached through HTTPS_PROXY.
const terraform = findTerraform(process.env.PATH);
if (!terraform) throw new Error('terraform 1.11 must be on PATH for the registry install test');

describe('a registry install without a mirror', () => {
  // Not under the infra- prefix, like the other plans: its folders outlive a concurrent run's cleanup.
  const scratch = mkdtempSync(join(tmpdir(), 'registry-install-'));
  let standIn: RegistryStandIn;
  beforeAll(async () => {
    const served = await machineProviderFolder(terraform as string, join(scratch, 'fill'));
    standIn = await startRegistryStandIn(served, mkdtempSync(join(scratch, 'stand-in-')));
  });
  afterAll(async () => {
    await standIn?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('plans with the provider the registry served into the plugin cache, and the next run finds it there', async () => {
    // GIVEN no mirror, an empty plugin cache and an empty HOME
    const pluginCacheDir = join(scratch, 'plugin-cache');
    const options = { mirrorRoots: [mkdtempSync(join(scratch, 'no-mirror-'))], pluginCacheDir };
    const providerInstallation = resolveProviderInstallation(options);
    // WHEN
    const result = await planOffline({
      ...fixtureStack(loadEnvironmentConfig('dev')),
      outdir: join(scratch, 'plan'),
      providerInstallation,
      terraform: terraform as string,
      baseEnv: {
        PATH: process.env.PATH,
        HOME: mkdtempSync(join(scratch, 'home-')),
        HTTPS_PROXY: standIn.proxyUrl,
        SSL_CERT_FILE: standIn.caFile,
      },
    });
    // THEN the registry protocol was followed to the end, the plan ran, and the cache now serves as a mirror
    expect(providerInstallation).toEqual({ kind: 'registry', pluginCacheDir });
    expect(standIn.requests).toEqual([
      'GET /.well-known/terraform.json 200',
      'GET /v1/providers/hashicorp/aws/versions 200',
      'GET /v1/providers/hashicorp/aws/5.100.0/download/linux/amd64 200',
      'GET /stand-in-downloads/SHA256SUMS 200',
      'GET /stand-in-downloads/SHA256SUMS.sig 200',
      'HEAD /stand-in-downloads/terraform-provider-aws_5.100.0_linux_amd64.zip 200',
      'GET /stand-in-downloads/terraform-provider-aws_5.100.0_linux_amd64.zip 200',
    ]);
    expect(result.steps[0].output).toContain('Installed hashicorp/aws v5.100.0 (self-signed');
    expect(result.summary).toMatch(/^Plan: \d+ to add, 0 to change, 0 to destroy\.$/);
    expect(resolveProviderInstallation(options)).toEqual({
      kind: 'mirror',
      mirror: pluginCacheDir,
      origin: 'plugin-cache',
    });
  });
});
