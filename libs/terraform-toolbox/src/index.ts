// The Terraform toolbox's contract: what the infra app runs on its stack (offline plan, HCL export, deploy waiter,
// preflight, provider installation). The stack comes in as a SynthesizeStack; the toolbox never imports it.
export { exportHcl } from './lib/export/export-hcl';
export { PLACEHOLDER_BUNDLE_DIR } from './lib/offline/placeholder-bundle-dir';
export { formatPlannedChanges } from './lib/offline/plan-changes';
export { type SynthesizeStack, planOffline } from './lib/offline/plan-offline';
export { findTerraform } from './lib/offline/terraform-cli';
export { AWS_PROVIDER_PIN } from './lib/terraform/aws-provider-pin';
export { ProviderInstallError } from './lib/terraform/init-providers';
export { networkEnvOf } from './lib/terraform/network-env';
export {
  type ProviderInstallation,
  describeProviderInstallation,
  providerCliConfig,
  resolveProviderInstallation,
} from './lib/terraform/provider-installation';
export { workspaceProviderInstallation } from './lib/terraform/workspace-installation';
export { parseWaitCli, WAIT_USAGE } from './lib/deploy/cli-options';
export { DEFAULT_OUTPUTS_FILE, readDeployOutputs } from './lib/deploy/deploy-outputs';
export type { InstanceRefreshSpec } from './lib/deploy/instance-refresh-spec';
export { startInstanceRefresh } from './lib/deploy/start-refresh';
export { waitForInstanceRefresh } from './lib/deploy/wait-for-refresh';
export { preflight } from './lib/preflight/preflight';
