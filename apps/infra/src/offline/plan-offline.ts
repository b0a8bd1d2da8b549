import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentConfig } from '@ha-uploads/config';
import { buildApp, stackName } from '../build-app';
import { type TerraformRun, runTerraform } from './terraform-cli';

/** Options of {@link planOffline}. */
export interface PlanOfflineOptions {
  readonly config: DeploymentConfig;
  readonly webappBundleDir: string;
  /** Synth output directory (a temp dir in tests). */
  readonly outdir: string;
  /** Filesystem mirror holding registry.terraform.io/hashicorp/aws. */
  readonly providerMirror: string;
  /** The terraform executable. */
  readonly terraform: string;
  /** PATH and HOME to hand to terraform; nothing else of the caller's environment is passed on. */
  readonly baseEnv: { readonly PATH?: string; readonly HOME?: string };
}

/** What the rehearsal did and how long each step took. */
export interface PlanOfflineResult {
  readonly stackDir: string;
  readonly synthMs: number;
  readonly steps: readonly TerraformRun[];
  /** The plan's "Plan: N to add, ..." line. */
  readonly summary: string;
}

/** A CLI config that installs hashicorp providers from the mirror only, never from the network. */
export function offlineCliConfig(mirror: string): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/hashicorp/*"]',
    '  }',
    '  direct {',
    '    exclude = ["registry.terraform.io/hashicorp/*"]',
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * The environment terraform runs with: dummy credentials (AWS's documented example key), no metadata service,
 * no shared AWS config, and a dead loopback proxy so that any request the provider still tried would fail here
 * instead of leaving the machine.
 */
export function offlineEnv(options: Pick<PlanOfflineOptions, 'config' | 'baseEnv'>, cliConfigFile: string): NodeJS.ProcessEnv {
  return {
    PATH: options.baseEnv.PATH,
    HOME: options.baseEnv.HOME,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: options.config.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '',
  };
}

/** Synthesizes the offline variant of the stack, then runs terraform init -backend=false, validate and plan against it. */
export async function planOffline(options: PlanOfflineOptions): Promise<PlanOfflineResult> {
  mkdirSync(options.outdir, { recursive: true });
  const synthStarted = performance.now();
  const { app } = buildApp({ config: options.config, webappBundleDir: options.webappBundleDir, outdir: options.outdir, offline: true });
  app.synth();
  const synthMs = performance.now() - synthStarted;

  const stackDir = join(options.outdir, 'stacks', stackName(options.config));
  const cliConfigFile = join(stackDir, 'offline.tfrc');
  writeFileSync(cliConfigFile, offlineCliConfig(options.providerMirror));
  const env = offlineEnv(options, cliConfigFile);
  const run = (...args: string[]) => runTerraform(options.terraform, args, stackDir, env);

  const steps = [
    await run('init', '-backend=false', '-input=false', '-no-color'),
    await run('validate', '-no-color'),
    await run('plan', '-input=false', '-no-color', '-lock=false'),
  ];
  const summary = /^Plan: .*$/m.exec(steps[2].output)?.[0] ?? 'no "Plan:" line in the output';
  return { stackDir, synthMs, steps, summary };
}
