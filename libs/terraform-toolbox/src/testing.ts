// Test helpers for the toolbox's specs and the infra app's: fixtures, stand-ins and the workspace's provider.
export { type AutoScalingStandIn, startAutoScalingStandIn } from './testing/auto-scaling-stand-in';
export { FIXTURE_BUNDLE_DIR, OIDC_AUTH, tempDir, testDeploymentConfig } from './testing/fixtures';
export { planDifferences } from './lib/export/plan-equivalence';
export { type PlanJsonAndHclResult, planJsonAndHcl } from './lib/export/plan-equivalence-root';
export { startRecordingProxy } from './testing/recording-proxy';
export { machineProviderFolder } from './testing/registry-stand-in/machine-provider';
export { type RegistryStandIn, startRegistryStandIn } from './testing/registry-stand-in/registry-stand-in';
export { type StsStandIn, startStsStandIn } from './testing/sts-stand-in';
export { baseEnvForSpecs, providerInstallationForSpecs } from './testing/workspace-provider';
