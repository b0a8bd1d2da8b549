import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentConfig } from '@ha-uploads/config';
import { buildApp, stackName } from '../build-app';
import { offlineCliConfig, offlineEnv } from '../offline/plan-offline';
import { runTerraform } from '../offline/terraform-cli';
import { exportStack } from './export-stack';
import { readProvidersSchema } from './terraform-schema';

/** Options of {@link exportHcl}. */
export interface ExportHclOptions {
  readonly config: DeploymentConfig;
  readonly webappBundleDir: string;
  /** Where to write the plain Terraform; replaced whole (dist/terraform/<env>). */
  readonly outDir: string;
  /** Scratch folder for the synth and the provider schema (a temp dir). */
  readonly scratchDir: string;
  readonly terraform: string;
  /** Filesystem mirror of the AWS provider. @default - terraform installs it from the registry */
  readonly providerMirror?: string;
  readonly baseEnv: { readonly PATH?: string; readonly HOME?: string };
}

/** Synthesizes the deployable stack (with its backend), reads its providers' schema, and writes it as `.tf` files. */
export async function exportHcl(options: ExportHclOptions): Promise<{ files: string[]; stackDir: string }> {
  const { app } = buildApp({ config: options.config, webappBundleDir: options.webappBundleDir, outdir: options.scratchDir });
  app.synth();
  const name = stackName(options.config);
  const stackDir = join(options.scratchDir, 'stacks', name);
  // The schema comes from a copy without the backend: `providers schema` refuses an uninitialized backend.
  const schemaDir = join(options.scratchDir, 'schema');
  mkdirSync(schemaDir, { recursive: true });
  const config = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as { terraform?: { backend?: unknown } };
  if (config.terraform) delete config.terraform.backend;
  writeFileSync(join(schemaDir, 'main.tf.json'), JSON.stringify(config));
  const env = installEnv(options, schemaDir);
  await runTerraform(options.terraform, ['init', '-backend=false', '-input=false', '-no-color'], schemaDir, env);
  const schema = await readProvidersSchema(options.terraform, schemaDir, env);
  const files = exportStack({ stackDir, outDir: options.outDir, schema, stackName: name, environment: options.config.environment, terraform: options.terraform });
  return { files, stackDir };
}

/** With a mirror: the offline environment (nothing leaves the machine). Without: terraform's own registry install. */
function installEnv(options: ExportHclOptions, dir: string): NodeJS.ProcessEnv {
  if (!options.providerMirror) return { PATH: options.baseEnv.PATH, HOME: options.baseEnv.HOME, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  const cliConfigFile = join(dir, 'offline.tfrc');
  writeFileSync(cliConfigFile, offlineCliConfig(options.providerMirror));
  return offlineEnv({ config: options.config, baseEnv: options.baseEnv }, cliConfigFile);
}
