// Test helpers: a cluster of real webapp instances, fake instances, and the control CLI run as a user would.
export { runClusterControl, type CliRun } from './testing/cluster-cli';
export { startFakeInstance, type FakeInstance } from './testing/fake-instance';
export { startTestCluster, type TestCluster } from './testing/local-cluster';
