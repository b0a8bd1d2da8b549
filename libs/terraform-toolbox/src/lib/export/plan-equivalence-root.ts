import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentConfig } from '@ha-uploads/config';
import { type PlanOfflineOptions, initOffline } from '../offline/plan-offline';
import { type TerraformRun, runTerraform } from '../offline/terraform-cli';
import type { ProviderInstallation } from '../terraform/provider-installation';
import { exportStack } from './export-stack';
import type { PlanJson } from './plan-equivalence';
import { readProvidersSchema } from './terraform-schema';

/** Options of {@link planJsonAndHcl}. */
export interface PlanJsonAndHclOptions {
  readonly config: DeploymentConfig;
  /** A synthesized (offline) stack: the folder holding cdk.tf.json and assets/. */
  readonly stackDir: string;
  readonly stackName: string;
  /** Folder for the root configuration; created, and must not hold one already. */
  readonly rootDir: string;
  /** Where terraform takes the provider from, as `infra:plan` resolves it. */
  readonly providerInstallation: ProviderInstallation;
  readonly terraform: string;
  readonly baseEnv: PlanOfflineOptions['baseEnv'];
}

/** The plan of both configurations, the export's folder, and what each terraform step took. */
export interface PlanJsonAndHclResult {
  readonly plan: PlanJson;
  readonly exportDir: string;
  readonly steps: readonly TerraformRun[];
}

/**
 * Plans cdk.tf.json and its HCL export in ONE terraform run: a root configuration calls each as a module
 * (`module.json`, `module.hcl`) and re-exports each one's outputs as `<module>__<name>`. One init, one plan, one
 * show, so the comparison costs a single extra plan on top of the offline rehearsal.
 */
export async function planJsonAndHcl(options: PlanJsonAndHclOptions): Promise<PlanJsonAndHclResult> {
  const jsonDir = join(options.rootDir, 'json');
  const exportDir = join(options.rootDir, 'hcl');
  mkdirSync(options.rootDir, { recursive: true });
  cpSync(options.stackDir, jsonDir, { recursive: true });
  mkdirSync(exportDir);
  const config = JSON.parse(readFileSync(join(jsonDir, 'cdk.tf.json'), 'utf8')) as {
    output?: Record<string, { sensitive?: boolean }>;
  };
  writeFileSync(
    join(options.rootDir, 'main.tf.json'),
    JSON.stringify(rootConfiguration(Object.entries(config.output ?? {}))),
  );

  // Local module sources are read at plan time, so the export can be written after init has read the providers.
  const { init, env } = await initOffline(options.rootDir, options);
  const run = (...args: string[]) => runTerraform(options.terraform, args, options.rootDir, env);
  const schema = await readProvidersSchema(options.terraform, options.rootDir, env);
  exportStack({
    stackDir: options.stackDir,
    outDir: exportDir,
    schema,
    stackName: options.stackName,
    environment: options.config.environment,
    terraform: options.terraform,
  });
  const plan = await run('plan', '-input=false', '-no-color', '-lock=false', '-out=both.tfplan');
  const show = await run('show', '-json', '-no-color', 'both.tfplan');
  return { plan: JSON.parse(show.output) as PlanJson, exportDir, steps: [init, plan, show] };
}

function rootConfiguration(outputs: readonly [string, { sensitive?: boolean }][]): object {
  const output: Record<string, object> = {};
  for (const side of ['json', 'hcl']) {
    for (const [name, spec] of outputs)
      output[`${side}__${name}`] = { value: `\${module.${side}.${name}}`, sensitive: spec.sensitive ?? false };
  }
  return {
    module: { json: { source: './json' }, hcl: { source: './hcl' } },
    ...(outputs.length > 0 ? { output } : {}),
  };
}
