import path from 'node:path';
import {
  ConfigError,
  loadDeploymentConfigFile,
  loadInfraEnv,
  TARGET_HEALTH_CHECK,
  type WebappConfig,
  localPageOrigins,
  loadConfigOrExit,
} from '@ha-uploads/config';
import { createAwsClients, ensureBucketCors } from '@ha-uploads/storage';
import { findWorkspaceRoot, portInUseLine, runCli } from '@ha-uploads/process';
import { LOCAL_AUTH_PATHS, startLocalAuthenticator } from '../alb-auth/local-authenticate';
import { startLocalBackends } from '../embedded-backends';
import { CLUSTER_USAGE, parseClusterArgs } from './cluster-args';
import { startCluster } from './cluster';
import { ClusterOperationError } from './cluster-errors';
import { newControlToken, removeControlFile, writeControlFile } from './control-file';
import { startControlServer } from './control-server';

const workspaceRoot = findWorkspaceRoot(__dirname);

/** What picks another port for the balancer, told when the configured one is taken. */
const PORT_REMEDY = 'pass --port=N (npx nx run webapp:cluster --port=N); 0 picks a free port';

/** A cluster log line: local time, then what happened. */
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 23)} ${line}`);

/** `nx run webapp:cluster`: local backends, an Auto Scaling group of N instances and an ALB-like load balancer. */
async function main(): Promise<void> {
  const args = parseClusterArgs(process.argv.slice(2));
  const config = loadConfigOrExit(process.env);
  // Stickiness, the grace period and the deregistration delay come from the very config infra deploys:
  // apps/infra/environments/<DEPLOY_ENV>.json with the same overrides and validation; --sticky turns stickiness on.
  const { deployEnv } = loadInfraEnv(process.env);
  const deployment = loadDeploymentConfigFile(
    path.join(workspaceRoot, 'apps/infra/environments'),
    deployEnv,
    process.env,
  );
  const sticky = args.sticky || deployment.stickySessions;
  const dataDir = path.resolve(args.dataDir ?? path.join(config.dataDir, 'cluster'));

  const backends = await startLocalBackends({
    dataDir,
    bucket: config.filesBucket,
    table: config.filesTable,
    limitsTable: config.limitsTable,
    malwareScan: args.malwareScan,
  });
  // --auth: the balancer plays the ALB's authenticate action; instances verify its claims like on AWS.
  const authenticator = args.auth ? await startLocalAuthenticator() : undefined;
  const instanceCommand = args.bundle
    ? [process.execPath, path.join(workspaceRoot, 'dist/apps/webapp/main.js')]
    : [process.execPath, '--import', 'tsx', path.join(workspaceRoot, 'apps/webapp/src/main.ts')];
  let cluster;
  try {
    cluster = await startCluster({
      instances: args.instances,
      backends: { ...backends, bucket: config.filesBucket, table: config.filesTable },
      instanceCommand,
      cwd: workspaceRoot,
      env: {
        ...process.env,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        // One Node 22 notice (see README, Known limits) is enough; N instances would repeat it N times.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...authenticator?.instanceEnv,
        // --malware-scan: every instance drains the local scanner's results queue.
        ...backends.malwareScan?.env,
      } as Record<string, string>,
      beforeForward: authenticator?.authenticate,
      stickyDurationSeconds: sticky ? deployment.stickyDurationSeconds : undefined,
      healthCheckGracePeriodMs: deployment.healthCheckGracePeriodSeconds * 1_000,
      deregistrationDelayMs: deployment.deregistrationDelaySeconds * 1_000,
      port: args.port,
      log,
    });
  } catch (err) {
    await authenticator?.close();
    await backends.close();
    throw err;
  }

  // The browser PUTs parts to and GETs large files from the local S3 itself (the presigned URLs name its loopback
  // address),
  // so the bucket allows the balancer's origin, as the real bucket allows PUBLIC_ORIGIN.
  await allowBalancerOrigin(config, backends.s3Endpoint, new URL(cluster.url).port);
  const mode = sticky
    ? `sticky sessions on (AWSALB cookie, ${deployment.stickyDurationSeconds} s)`
    : 'round-robin, no stickiness';
  const token = newControlToken();
  const control = await startControlServer(cluster.group, { token, log });
  await writeControlFile(dataDir, { url: control.url, token, pid: process.pid });
  for (const instance of cluster.group.instances())
    console.log(`  ${instance.id}  ${instance.url}  pid ${instance.pid}`);
  console.log(`  backends: S3 ${backends.s3Endpoint}, DynamoDB ${backends.dynamodbEndpoint}, data in ${dataDir}`);
  if (authenticator)
    console.log(
      `  sign-in: local form at ${LOCAL_AUTH_PATHS.signIn} (the ALB's authenticate action), keys at ${authenticator.keyServer.url}`,
    );
  console.log(
    `  health checks: ${TARGET_HEALTH_CHECK.path} every ${TARGET_HEALTH_CHECK.intervalSeconds} s, ${TARGET_HEALTH_CHECK.timeoutSeconds} s timeout, unhealthy after ${TARGET_HEALTH_CHECK.unhealthyThreshold}; grace ${deployment.healthCheckGracePeriodSeconds} s; deregistration delay ${deployment.deregistrationDelaySeconds} s`,
  );
  console.log(`  control: ${control.url} (npx nx run webapp:roll, npx nx run webapp:scale --instances=N)`);
  console.log(`cluster ready: ${cluster.url} (${cluster.group.instances().length} instances, ${mode})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await removeControlFile(dataDir);
    await control.close();
    await cluster.stop();
    await authenticator?.close();
    await backends.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function allowBalancerOrigin(config: WebappConfig, s3Endpoint: string, port: string): Promise<void> {
  const clients = createAwsClients({ awsRegion: config.awsRegion, s3Endpoint, dynamodbEndpoint: s3Endpoint });
  try {
    await ensureBucketCors(
      clients.s3,
      config.filesBucket,
      localPageOrigins(Number(port), config.directTransfer.publicOrigin),
    );
  } finally {
    clients.destroy();
  }
}

runCli(main, {
  usage: CLUSTER_USAGE,
  describeFailure: (err) => {
    const known = err instanceof ConfigError || err instanceof ClusterOperationError;
    return portInUseLine(err, PORT_REMEDY) ?? (known ? err.message : String(err instanceof Error ? err.stack : err));
  },
});
