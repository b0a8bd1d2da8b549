import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { workspaceRoot } from '@ha-uploads/process';
import type { TestBackends } from '@ha-uploads/storage/testing';
import { startCluster, type Cluster, type ClusterProps } from '../cluster/cluster';
import { newControlToken, removeControlFile, writeControlFile } from '../cluster/control-file';
import { startControlServer } from '../cluster/control-server';

/** A local cluster of real webapp processes, with its control endpoint, for reliability specs. */
export interface TestCluster extends Cluster {
  /** The data dir `webapp:roll --data-dir` finds the control file in. */
  readonly dataDir: string;
  /** Every line the cluster logged. */
  readonly lines: readonly string[];
  /** Every line the instances wrote to stdout (their JSON logs and EMF metrics), prefixed with the instance id. */
  readonly instanceOutput: readonly string[];
}

/**
 * Starts `instances` real instances (tsx on the sources) on `backends`, with the timings given, plus the control
 * endpoint.
 */
export async function startTestCluster(
  backends: TestBackends,
  props: Pick<
    ClusterProps,
    'instances' | 'healthCheck' | 'thresholds' | 'healthCheckGracePeriodMs' | 'deregistrationDelayMs'
  > & { readonly env?: Record<string, string> },
): Promise<TestCluster> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'webapp-cluster-'));
  const lines: string[] = [];
  const instanceOutput: string[] = [];
  const log = (line: string) => lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  const cluster = await startCluster({
    ...props,
    backends,
    instanceCommand: [process.execPath, '--import', 'tsx', path.join(workspaceRoot(), 'apps/webapp/src/main.ts')],
    cwd: workspaceRoot(),
    env: { ...backends.env, LOG_LEVEL: 'warn', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...props.env },
    port: 0,
    log,
    // Kept here, not on the test run's stdout (the instances' EMF metric lines among them).
    onInstanceOutput: (id, line) => instanceOutput.push(`${id} ${line}`),
  });
  const token = newControlToken();
  const control = await startControlServer(cluster.group, { token, log });
  await writeControlFile(dataDir, { url: control.url, token, pid: process.pid });
  return {
    ...cluster,
    dataDir,
    lines,
    instanceOutput,
    async stop() {
      await removeControlFile(dataDir);
      await control.close();
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
