import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadInfraEnv } from '@ha-uploads/config';
import { stackSynthesizer } from '../build-app';
import { parseCli, runCli } from '@ha-uploads/process';
import { loadEnvironmentConfig } from '../config/environment-file';
import { findTerraform } from '@ha-uploads/terraform-toolbox';
import { networkEnvOf } from '@ha-uploads/terraform-toolbox';
import { workspaceProviderInstallation } from '@ha-uploads/terraform-toolbox';
import { assertEnvironmentName } from '../config/environment-name';
import { exportHcl } from '@ha-uploads/terraform-toolbox';

// `nx run infra:export-hcl [--env=<name>]`: the environment's stack as plain Terraform under dist/terraform/<env>/.
async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), { options: { env: { type: 'string' } } });
  const env = process.env;
  const name =
    values.env !== undefined
      ? assertEnvironmentName(values.env, '--env')
      : assertEnvironmentName(loadInfraEnv(env).deployEnv, 'DEPLOY_ENV');
  const infraEnv = loadInfraEnv({ ...env, DEPLOY_ENV: name });
  const config = loadEnvironmentConfig(name, env);
  const terraform = findTerraform(env.PATH);
  if (!terraform) throw new Error('terraform is not on PATH; install terraform 1.11 to export the stack');
  const providerInstallation = workspaceProviderInstallation(infraEnv, homedir(), process.cwd());

  // The export is deployable, so it ships the real bundle (the target builds it first), never a placeholder.
  const webappBundleDir = resolve(infraEnv.webappBundleDir ?? 'dist/apps/webapp');
  const outDir = resolve('dist', 'terraform', name);
  const scratchDir = mkdtempSync(join(tmpdir(), 'hcl-export-cli-'));
  try {
    const { files } = await exportHcl({
      config,
      synthesize: stackSynthesizer(config, webappBundleDir),
      outDir,
      scratchDir,
      terraform,
      providerInstallation,
      baseEnv: { PATH: env.PATH, HOME: env.HOME, ...networkEnvOf(env) },
    });
    console.log(`wrote ${outDir}: ${files.join(', ')}, assets/, README.md`);
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}

runCli(main, {
  usage:
    "usage: nx run infra:export-hcl [--env=<name>]\n  the environment's stack as plain Terraform under dist/terraform/<env>/",
  describeFailure: (err) =>
    err instanceof ConfigError ? err.problems.join('; ') : err instanceof Error ? err.message : String(err),
});
