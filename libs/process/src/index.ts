// Process and server helpers shared by the local cluster, the reliability tests, the bench and the e2e support.
export { isRunning, killChild, stopChild } from './lib/child-process';
export { findFreePort } from './lib/free-port';
export { startChild, waitForReadyLine } from './lib/ready-line';
export { closeServer, listen } from './lib/server';
export { findWorkspaceRoot, workspaceRoot } from './lib/workspace-root';
export { portInUseLine } from './lib/port-in-use';
export { HelpRequested, UsageError, parseCli, runCli, wholeNumber } from './lib/cli';
