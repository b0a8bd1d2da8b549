import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { loadEnvironmentConfig } from '../config/environment-file';
import { planOffline } from './plan-offline';
import { TF_PROVIDER_MIRROR_ENV, defaultMirrorRoots, findProviderMirror } from './provider-mirror';
import { findTerraform } from './terraform-cli';
import { FIXTURE_BUNDLE_DIR } from '../testing/fixture-bundle-dir';

// `nx run infra:plan`: the offline rehearsal. Reads the environment here, once, and hands plain values on.
async function main(): Promise<void> {
  const env = process.env;
  const config = loadEnvironmentConfig(env.DEPLOY_ENV || 'dev', env);
  const terraform = findTerraform(env.PATH);
  if (!terraform) throw new Error('terraform is not on PATH; install terraform 1.11 to run the rehearsal');
  const providerMirror = findProviderMirror(env[TF_PROVIDER_MIRROR_ENV], defaultMirrorRoots(homedir()));

  let webappBundleDir = resolve(env.WEBAPP_BUNDLE_DIR || 'dist/apps/webapp');
  if (!existsSync(webappBundleDir) && !env.WEBAPP_BUNDLE_DIR) {
    console.log(`note: ${webappBundleDir} does not exist (run \`npx nx run webapp:build\`); planning with the fixture bundle instead`);
    webappBundleDir = FIXTURE_BUNDLE_DIR;
  }
  const outdir = resolve(env.INFRA_PLAN_OUTDIR || 'tmp/infra-plan');

  console.log(`provider mirror: ${providerMirror}`);
  const result = await planOffline({ config, webappBundleDir, outdir, providerMirror, terraform, baseEnv: { PATH: env.PATH, HOME: env.HOME } });
  console.log(`synth: ${(result.synthMs / 1000).toFixed(1)} s -> ${result.stackDir}`);
  for (const step of result.steps) console.log(`terraform ${step.args[0]}: ${(step.durationMs / 1000).toFixed(1)} s`);
  console.log(result.summary);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
