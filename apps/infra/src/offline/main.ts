import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { loadInfraEnv } from '@ha-uploads/config';
import { loadEnvironmentConfig } from '../config/environment-file';
import { PLACEHOLDER_BUNDLE_DIR } from './placeholder-bundle-dir';
import { planOffline } from './plan-offline';
import { defaultMirrorRoots, findProviderMirror } from './provider-mirror';
import { findTerraform } from './terraform-cli';

// `nx run infra:plan`: the offline rehearsal. Reads the environment here, once, and hands plain values on.
async function main(): Promise<void> {
  const env = process.env;
  const infraEnv = loadInfraEnv(env);
  const config = loadEnvironmentConfig(infraEnv.deployEnv, env);
  const terraform = findTerraform(env.PATH);
  if (!terraform) throw new Error('terraform is not on PATH; install terraform 1.11 to run the rehearsal');
  const providerMirror = findProviderMirror(infraEnv.providerMirror, defaultMirrorRoots(homedir()));

  let webappBundleDir = resolve(infraEnv.webappBundleDir ?? 'dist/apps/webapp');
  if (!existsSync(webappBundleDir) && !infraEnv.webappBundleDir) {
    console.log(`note: ${webappBundleDir} does not exist (run \`npx nx run webapp:build\`); planning with a placeholder bundle instead`);
    webappBundleDir = PLACEHOLDER_BUNDLE_DIR;
  }
  const outdir = resolve(infraEnv.planOutdir ?? 'tmp/infra-plan');

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
