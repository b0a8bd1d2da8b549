import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DeploymentConfig } from '@ha-uploads/config';
import { type PlanOfflineOptions, type SynthesizeStack, initOffline } from '../offline/plan-offline';
import type { ProviderInstallation } from '../terraform/provider-installation';
import { exportStack } from './export-stack';
import { readProvidersSchema } from './terraform-schema';

/** Options of {@link exportHcl}. */
export interface ExportHclOptions {
  readonly config: DeploymentConfig;
  /** The stack to export, given by the app that defines it. */
  readonly synthesize: SynthesizeStack;
  /** Where to write the plain Terraform; replaced whole (dist/terraform/<env>). */
  readonly outDir: string;
  /** Scratch folder for the synth and the provider schema (a temp dir). */
  readonly scratchDir: string;
  readonly terraform: string;
  /** Where terraform takes the provider from, as `infra:plan` resolves it. */
  readonly providerInstallation: ProviderInstallation;
  readonly baseEnv: PlanOfflineOptions['baseEnv'];
}

/** Synthesizes the deployable stack (with its backend), reads its providers' schema, and writes it as `.tf` files. */
export async function exportHcl(options: ExportHclOptions): Promise<{ files: string[]; stackDir: string }> {
  const stackDir = options.synthesize(options.scratchDir, false);
  const name = basename(stackDir);
  // The schema comes from a copy without the backend: `providers schema` refuses an uninitialized backend.
  const schemaDir = join(options.scratchDir, 'schema');
  mkdirSync(schemaDir, { recursive: true });
  const config = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as {
    terraform?: { backend?: unknown };
  };
  if (config.terraform) delete config.terraform.backend;
  writeFileSync(join(schemaDir, 'main.tf.json'), JSON.stringify(config));
  const { env } = await initOffline(schemaDir, options);
  const schema = await readProvidersSchema(options.terraform, schemaDir, env);
  const files = exportStack({
    stackDir,
    outDir: options.outDir,
    schema,
    stackName: name,
    environment: options.config.environment,
    terraform: options.terraform,
  });
  return { files, stackDir };
}
