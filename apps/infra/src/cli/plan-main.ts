import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadInfraEnv } from '@ha-uploads/config';
import { stackSynthesizer } from '../build-app';
import { loadEnvironmentConfig } from '../config/environment-file';
import { ENVIRONMENT_OPTIONS, selectEnvironment } from '../config/select-environment';
import { parseCli, runCli } from '@ha-uploads/process';
import { networkEnvOf } from '@ha-uploads/terraform-toolbox';
import { describeProviderInstallation } from '@ha-uploads/terraform-toolbox';
import { workspaceProviderInstallation } from '@ha-uploads/terraform-toolbox';
import {
  PLACEHOLDER_BUNDLE_DIR,
  findTerraform,
  formatPlannedChanges,
  planOffline,
} from '@ha-uploads/terraform-toolbox';

// `nx run infra:plan [--env=<name>]`: the offline rehearsal. Reads the environment here, once, and hands plain values
// on.
async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), { options: ENVIRONMENT_OPTIONS });
  const environment = selectEnvironment(values, process.env.DEPLOY_ENV?.trim() || 'dev');
  const env: NodeJS.ProcessEnv = { ...process.env, DEPLOY_ENV: environment };
  const infraEnv = loadInfraEnv(env);
  const config = loadEnvironmentConfig(infraEnv.deployEnv, env);
  const terraform = findTerraform(env.PATH);
  if (!terraform) throw new Error('terraform is not on PATH; install terraform 1.11 to run the rehearsal');
  const providerInstallation = workspaceProviderInstallation(infraEnv, homedir(), process.cwd());

  let webappBundleDir = resolve(infraEnv.webappBundleDir ?? 'dist/apps/webapp');
  if (!existsSync(webappBundleDir) && !infraEnv.webappBundleDir) {
    console.log(
      `note: ${webappBundleDir} does not exist (run \`npx nx run webapp:build\`); planning with a placeholder bundle instead`,
    );
    webappBundleDir = PLACEHOLDER_BUNDLE_DIR;
  }
  const outdir = resolve(infraEnv.planOutdir ?? join('tmp', 'infra-plan'));
  const planDir = resolve('dist', 'infra-plan', config.environment);

  console.log(`environment: ${config.environment} (${config.region})`);
  console.log(describeProviderInstallation(providerInstallation));
  const result = await planOffline({
    config,
    synthesize: stackSynthesizer(config, webappBundleDir),
    outdir,
    planDir,
    providerInstallation,
    terraform,
    baseEnv: { PATH: env.PATH, HOME: env.HOME, ...networkEnvOf(env) },
  });
  for (const line of formatPlannedChanges(result.changes ?? [])) console.log(line);
  console.log(`synth: ${(result.synthMs / 1000).toFixed(1)} s -> ${result.stackDir}`);
  for (const step of result.steps) console.log(`terraform ${step.args[0]}: ${(step.durationMs / 1000).toFixed(1)} s`);
  console.log(`plan kept: ${result.planFile} and ${result.planJsonFile}`);
  console.log(result.summary);
}

runCli(main, {
  usage:
    'usage: nx run infra:plan [--env=<name>]\n  the offline rehearsal: synth, then terraform init/validate/plan/show',
});
