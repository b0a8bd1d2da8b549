import { homedir } from 'node:os';
import { loadEnvironmentConfig } from '../config/environment-file';
import { FIXTURE_BUNDLE_DIR, tempDir } from '../testing/fixtures';
import { planOffline } from './plan-offline';
import { TF_PROVIDER_MIRROR_ENV, defaultMirrorRoots, findProviderMirror } from './provider-mirror';
import { findTerraform } from './terraform-cli';

// The `infra:plan` rehearsal through the real terraform: init -backend=false, validate, plan. No AWS, no network.
const terraform = findTerraform(process.env.PATH);
if (!terraform) console.warn('skipping the offline plan rehearsal: terraform is not on PATH');
const withTerraform = terraform ? it : it.skip;

describe('planOffline', () => {
  withTerraform('plans the dev stack with the mirrored AWS provider and dummy credentials', async () => {
    // GIVEN
    const providerMirror = findProviderMirror(process.env[TF_PROVIDER_MIRROR_ENV], defaultMirrorRoots(homedir()));
    // WHEN
    const result = await planOffline({
      config: loadEnvironmentConfig('dev'),
      webappBundleDir: FIXTURE_BUNDLE_DIR,
      outdir: tempDir('plan'),
      providerMirror,
      terraform: terraform as string,
      baseEnv: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    // THEN
    expect(result.steps.map((s) => s.args[0])).toEqual(['init', 'validate', 'plan']);
    expect(result.steps[1].output).toContain('The configuration is valid');
    expect(result.summary).toMatch(/^Plan: \d+ to add, 0 to change, 0 to destroy\.$/);
  });
});
