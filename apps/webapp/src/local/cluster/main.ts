import path from 'node:path';
import { ConfigError, loadDeploymentConfigFile, loadInfraEnv } from '@ha-uploads/config';
import { findWorkspaceRoot } from '@ha-uploads/process';
import { LOCAL_AUTH_PATHS, startLocalAuthenticator } from '../alb-auth/local-authenticate';
import { startLocalBackends } from '../embedded-backends';
import { parseClusterArgs } from './cluster-args';
import { startCluster } from './cluster';
import { loadConfigOrExit } from '../../startup/load-config';

const workspaceRoot = findWorkspaceRoot(__dirname);

/** `nx run webapp:cluster`: local backends, N instances and an ALB-like load balancer. */
async function main(): Promise<void> {
  const args = parseClusterArgs(process.argv.slice(2));
  const config = loadConfigOrExit(process.env);
  // Stickiness comes from the very config infra deploys: apps/infra/environments/<DEPLOY_ENV>.json with the same
  // STICKY_SESSIONS / STICKY_DURATION_SECONDS overrides and validation; --sticky turns it on regardless.
  const { deployEnv } = loadInfraEnv(process.env);
  const deployment = loadDeploymentConfigFile(path.join(workspaceRoot, 'apps/infra/environments'), deployEnv, process.env);
  const sticky = args.sticky || deployment.stickySessions;
  const dataDir = path.resolve(args.dataDir ?? path.join(config.dataDir, 'cluster'));

  const backends = await startLocalBackends({ dataDir, bucket: config.filesBucket, table: config.filesTable, limitsTable: config.limitsTable });
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
      } as Record<string, string>,
      beforeForward: authenticator?.authenticate,
      stickyDurationSeconds: sticky ? deployment.stickyDurationSeconds : undefined,
      port: args.port,
    });
  } catch (err) {
    await authenticator?.close();
    await backends.close();
    throw err;
  }

  const mode = sticky ? `sticky sessions on (AWSALB cookie, ${deployment.stickyDurationSeconds} s)` : 'round-robin, no stickiness';
  for (const instance of cluster.instances) console.log(`  ${instance.id}  ${instance.url}`);
  console.log(`  backends: S3 ${backends.s3Endpoint}, DynamoDB ${backends.dynamodbEndpoint}, data in ${dataDir}`);
  if (authenticator) console.log(`  sign-in: local form at ${LOCAL_AUTH_PATHS.signIn} (the ALB's authenticate action), keys at ${authenticator.keyServer.url}`);
  console.log(`cluster ready: ${cluster.url} (${cluster.instances.length} instances, ${mode})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cluster.stop();
    await authenticator?.close();
    await backends.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof RangeError || err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
