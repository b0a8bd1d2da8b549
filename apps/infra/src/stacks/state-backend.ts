import { type DeploymentConfig, defaultStateKey } from '@ha-uploads/config';
import { LocalBackend, S3Backend, type TerraformStack } from 'cdktf';

/**
 * Gives `stack` its backend: none offline (init -backend=false), the environment's state bucket with terraform's
 * native lock file when it names one (no DynamoDB lock table), else a local file.
 */
export function configureStateBackend(
  stack: TerraformStack,
  config: DeploymentConfig,
  options: { offline?: boolean; localStateFile?: string },
): void {
  if (options.offline) {
    // `terraform init -backend=false` then plan needs a configuration without a backend block.
    stack.addOverride('terraform.backend', undefined);
  } else if (config.stateBucket) {
    new S3Backend(stack, {
      bucket: config.stateBucket,
      key: config.stateKey ?? defaultStateKey(config.environment),
      region: config.region,
      encrypt: true,
    });
    // cdktf 0.21 predates `use_lockfile` (terraform >= 1.10): an S3 conditional write locks the state instead of
    // DynamoDB.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
  } else if (options.localStateFile) {
    new LocalBackend(stack, { path: options.localStateFile });
  }
}
