import { z } from 'zod';
import { ConfigError, describeIssues } from './config-error';
import { envOptionalString } from './env-fields';

/** Environment variables of the infra commands (cdktf, the offline plan) and of the local cluster's stickiness. */
export const infraEnvSchema = z.object({
  DEPLOY_ENV: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,19}$/, 'must name an environment file such as dev')
    .default('dev'),
  WEBAPP_BUNDLE_DIR: envOptionalString(),
  TF_PROVIDER_MIRROR: envOptionalString(),
  TF_PLUGIN_CACHE_DIR: envOptionalString(),
  INFRA_PLAN_OUTDIR: envOptionalString(),
});

/** The validated infra command settings. */
export interface InfraEnv {
  /** Which apps/infra/environments/<name>.json to use. */
  readonly deployEnv: string;
  /** The bundle to ship instead of dist/apps/webapp. */
  readonly webappBundleDir?: string;
  /** Folder holding registry.terraform.io/hashicorp/aws for the offline plan; discovered when unset. */
  readonly providerMirror?: string;
  /** Plugin cache for providers downloaded from the registry when no mirror is found. */
  readonly pluginCacheDir?: string;
  /** Where the offline plan synthesizes and runs terraform. */
  readonly planOutdir?: string;
}

/** Parses the infra commands' environment; throws ConfigError naming each bad variable. */
export function loadInfraEnv(env: Readonly<Record<string, string | undefined>>): InfraEnv {
  const parsed = infraEnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError('infra environment', describeIssues(parsed.error.issues, env));
  const e = parsed.data;
  return {
    deployEnv: e.DEPLOY_ENV,
    webappBundleDir: e.WEBAPP_BUNDLE_DIR,
    providerMirror: e.TF_PROVIDER_MIRROR,
    pluginCacheDir: e.TF_PLUGIN_CACHE_DIR,
    planOutdir: e.INFRA_PLAN_OUTDIR,
  };
}
