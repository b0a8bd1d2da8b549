import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentConfig } from '@ha-uploads/config';
import { INIT_WITHOUT_BACKEND_ARGS, initProviders } from '../terraform/init-providers';
import type { NetworkEnv } from '../terraform/network-env';
import { type ProviderInstallation, providerCliConfig } from '../terraform/provider-installation';
import { type PlannedChange, type SynthesizedStack, plannedChanges } from './plan-changes';
import { type TerraformRun, runTerraform } from './terraform-cli';

/** Synthesizes the stack into `outdir` (its offline variant when asked) and answers the stack's folder. */
export type SynthesizeStack = (outdir: string, offline: boolean) => string;

/** Options of {@link planOffline}. */
export interface PlanOfflineOptions {
  readonly config: DeploymentConfig;
  /** The stack to plan, given by the app that defines it. */
  readonly synthesize: SynthesizeStack;
  /** Synth output directory (a temp dir in tests). */
  readonly outdir: string;
  /** Filesystem mirror holding registry.terraform.io/hashicorp/aws; shorthand for a mirror `providerInstallation`. */
  readonly providerMirror?: string;
  /** Where terraform takes the provider from (see resolveProviderInstallation); wins over `providerMirror`. */
  readonly providerInstallation?: ProviderInstallation;
  /**
   * Folder that keeps the binary plan (`plan.tfplan`) and its `terraform show -json` rendering (`plan.json`).
   * @default - the plan is not kept
   */
  readonly planDir?: string;
  /** The terraform executable. */
  readonly terraform: string;
  /**
   * PATH and HOME to hand to terraform; nothing else of the caller's environment is passed on, except its network
   * settings (proxies, TLS roots) to a registry install (the validate and plan steps never get them).
   */
  readonly baseEnv: { readonly PATH?: string; readonly HOME?: string } & NetworkEnv;
}

/** What the rehearsal did and how long each step took. */
export interface PlanOfflineResult {
  readonly stackDir: string;
  readonly synthMs: number;
  readonly steps: readonly TerraformRun[];
  /** The plan's "Plan: N to add, ..." line. */
  readonly summary: string;
  /** Every resource the plan would touch, with its construct; present when `planDir` is given. */
  readonly changes?: readonly PlannedChange[];
  /** `plan.tfplan` and `plan.json` under `planDir`, when given. */
  readonly planFile?: string;
  readonly planJsonFile?: string;
}

/**
 * The environment terraform runs with: dummy credentials (AWS's documented example key), no metadata service,
 * no shared AWS config, and a dead loopback proxy so that any request the provider still tried would fail here
 * instead of leaving the machine.
 */
export function offlineEnv(
  options: Pick<PlanOfflineOptions, 'config' | 'baseEnv'>,
  cliConfigFile: string,
): NodeJS.ProcessEnv {
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

/** What {@link initOffline} needs: the stack's region, the caller's environment, terraform and the provider source. */
export type InitOfflineOptions = Pick<PlanOfflineOptions, 'config' | 'baseEnv' | 'terraform'> & {
  readonly providerInstallation: ProviderInstallation;
};

/**
 * Writes `dir`'s CLI config for the installation and runs `terraform init -backend=false` there; answers the init
 * and the offline environment the later steps run with (only the init may reach the registry).
 */
export async function initOffline(
  dir: string,
  options: InitOfflineOptions,
): Promise<{ init: TerraformRun; env: NodeJS.ProcessEnv }> {
  const cliConfigFile = join(dir, 'offline.tfrc');
  writeFileSync(cliConfigFile, providerCliConfig(options.providerInstallation));
  const env = offlineEnv(options, cliConfigFile);
  const { PATH: _path, HOME: _home, ...networkEnv } = options.baseEnv;
  const init = await initProviders(
    options.terraform,
    INIT_WITHOUT_BACKEND_ARGS,
    dir,
    options.providerInstallation,
    env,
    networkEnv,
  );
  return { init, env };
}

/**
 * Synthesizes the offline variant of the stack, then runs terraform init -backend=false, validate and plan against it
 * (and `show -json` when the plan is kept).
 */
export async function planOffline(options: PlanOfflineOptions): Promise<PlanOfflineResult> {
  mkdirSync(options.outdir, { recursive: true });
  if (options.planDir) mkdirSync(options.planDir, { recursive: true });
  const synthStarted = performance.now();
  const stackDir = options.synthesize(options.outdir, true);
  const synthMs = performance.now() - synthStarted;

  const { init, env } = await initOffline(stackDir, { ...options, providerInstallation: installationOf(options) });
  const run = (...args: string[]) => runTerraform(options.terraform, args, stackDir, env);

  const planFile = options.planDir ? join(options.planDir, 'plan.tfplan') : undefined;
  const steps = [
    init,
    await run('validate', '-no-color'),
    await run('plan', '-input=false', '-no-color', '-lock=false', ...(planFile ? [`-out=${planFile}`] : [])),
  ];
  const summary = /^Plan: .*$/m.exec(steps[2].output)?.[0] ?? 'no "Plan:" line in the output';
  if (!options.planDir || !planFile) return { stackDir, synthMs, steps, summary };

  const show = await run('show', '-json', '-no-color', planFile);
  const planJsonFile = join(options.planDir, 'plan.json');
  writeFileSync(planJsonFile, show.output);
  const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as SynthesizedStack;
  const changes = plannedChanges(JSON.parse(show.output), stack);
  return { stackDir, synthMs, steps: [...steps, show], summary, changes, planFile, planJsonFile };
}

function installationOf(options: PlanOfflineOptions): ProviderInstallation {
  if (options.providerInstallation) return options.providerInstallation;
  if (options.providerMirror) return { kind: 'mirror', mirror: options.providerMirror, origin: 'configured' };
  throw new Error('planOffline: needs a providerInstallation or a providerMirror');
}
