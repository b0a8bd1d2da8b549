// Process and server helpers shared by the local cluster, the reliability tests, the bench and the e2e support.
export { isRunning, killChild, stopChild } from './lib/child-process';
export { findFreePort } from './lib/free-port';
export { startChild, waitForReadyLine } from './lib/ready-line';
export type { ReadyChild, ReadyLineOptions } from './lib/ready-line';
export { closeServer, listen } from './lib/server';
export { findWorkspaceRoot, workspaceRoot } from './lib/workspace-root';
export { HelpRequested, USAGE_EXIT_CODE, UsageError, parseCli, runCli, wholeNumber } from './lib/cli';
export type { CliOptions, CliSpec, RunCliOptions } from './lib/cli';
