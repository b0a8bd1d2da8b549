import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironmentConfig } from '../config/environment-file';
import { tempDir } from '@ha-uploads/terraform-toolbox/testing';
import { startRecordingProxy } from '@ha-uploads/terraform-toolbox/testing';
import { ProviderInstallError } from '@ha-uploads/terraform-toolbox';
import { resolveProviderInstallation } from '@ha-uploads/terraform-toolbox';
import { baseEnvForSpecs, providerInstallationForSpecs } from '@ha-uploads/terraform-toolbox/testing';
import { planOffline } from '@ha-uploads/terraform-toolbox';
import { fixtureStack } from '../testing/fixture-stack';
import { terraformForSpecs } from '../testing/terraform-for-specs';

// The `infra:plan` rehearsal through the real terraform: init -backend=false, validate, plan. No AWS, and the only
// network it may use is the registry, when no mirror is found (as `infra:plan` does).
const { terraform, withTerraform } = terraformForSpecs('the offline plan rehearsal');

describe('planOffline', () => {
  withTerraform(
    'plans the dev stack, state bucket named, with the pinned AWS provider and dummy credentials, keeping the plan',
    async () => {
      // GIVEN the provider installation infra:plan would use
      const providerInstallation = providerInstallationForSpecs();
      const planDir = tempDir('plan-kept');
      // WHEN
      const result = await planOffline({
        ...fixtureStack({ ...loadEnvironmentConfig('dev'), stateBucket: 'acme-ha-uploads-state' }),
        outdir: tempDir('plan'),
        planDir,
        providerInstallation,
        terraform,
        baseEnv: baseEnvForSpecs(),
      });
      // THEN every step ran, and the kept plan lists each resource under its construct
      expect(result.steps.map((s) => s.args[0])).toEqual(['init', 'validate', 'plan', 'show']);
      expect(result.steps[1].output).toContain('The configuration is valid');
      expect(result.summary).toMatch(/^Plan: \d+ to add, 0 to change, 0 to destroy\.$/);
      const added = Number(/^Plan: (\d+)/.exec(result.summary)?.[1]);
      expect(result.changes).toHaveLength(added);
      expect(result.changes).toContainEqual({
        address: expect.stringMatching(/^aws_vpc\.network_vpc_/),
        action: 'create',
        construct: 'network',
      });
      expect(new Set(result.changes?.map((c) => c.construct))).toEqual(
        new Set([
          'network',
          'storage',
          'artifacts',
          'load-balancer',
          'iam',
          'fleet',
          'limits',
          'files-cors',
          'logging',
          'alarms',
          'dashboard',
        ]),
      );
      expect(result.planFile).toBe(join(planDir, 'plan.tfplan'));
      expect(JSON.parse(readFileSync(join(planDir, 'plan.json'), 'utf8')).resource_changes).toHaveLength(added);
    },
  );

  withTerraform(
    'without a mirror, asks the registry for the pinned provider through the plugin cache, and says how to get out',
    async () => {
      // GIVEN no mirror anywhere, an empty plugin cache, and a loopback proxy standing in for the network
      const proxy = await startRecordingProxy();
      const pluginCacheDir = join(tempDir('plugin-cache'), 'cache');
      const providerInstallation = resolveProviderInstallation({
        configuredMirror: undefined,
        mirrorRoots: [tempDir('no-mirror')],
        pluginCacheDir,
      });
      const outdir = tempDir('plan');
      try {
        // WHEN
        const planning = planOffline({
          ...fixtureStack(loadEnvironmentConfig('dev')),
          outdir,
          providerInstallation,
          terraform,
          baseEnv: { PATH: process.env.PATH, HOME: tempDir('home'), HTTPS_PROXY: proxy.url },
        });
        // THEN terraform ran init against the registry, through the cache, and failed with one clear message
        const error = await planning.then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(error).toBeInstanceOf(ProviderInstallError);
        expect((error as ProviderInstallError).args).toEqual(['init', '-backend=false', '-input=false', '-no-color']);
        expect((error as Error).message).toMatch(
          /^no provider mirror found and registry\.terraform\.io\/hashicorp\/aws 5\.100\.0 could not be downloaded \(.*Bad Gateway.*\); either set TF_PROVIDER_MIRROR .* or connect to the network once/,
        );
        expect((error as Error).message).not.toContain('\n');
        expect(providerInstallation).toEqual({ kind: 'registry', pluginCacheDir });
        expect(readFileSync(join(outdir, 'stacks', 'ha-uploads-dev', 'offline.tfrc'), 'utf8')).toBe(
          `plugin_cache_dir = ${JSON.stringify(pluginCacheDir)}\nprovider_installation {\n  direct {}\n}\n`,
        );
        expect(proxy.connects).toEqual(['registry.terraform.io:443']);
      } finally {
        await proxy.close();
      }
    },
  );
});
