// Entry point of `nx run webapp:serve`: the local S3 and DynamoDB, persisted under DATA_DIR, then one webapp started
// as a child pointed at them, as the cluster starts its instances: the webapp never imports a stand-in.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfigOrExit, localPageOrigins, type WebappConfig } from '@ha-uploads/config';
import { findWorkspaceRoot, parseCli, runCli } from '@ha-uploads/process';
import { MALWARE_SCAN_FLAGS, malwareScanFromFlags } from '../malware-scan-args';
import { createAwsClients, ensureBucketCors } from '@ha-uploads/storage';
import { startLocalBackends, type LocalBackends } from '../embedded-backends';

const workspaceRoot = findWorkspaceRoot(__dirname);
/** The webapp's own start line, which names the port it took (--port=0 picks one). */
const LISTENING = /listening on http:\/\/[^"\s]+:(\d+)/;
/** What `--help` prints. */
const SERVE_USAGE = `usage: nx run webapp:serve [--port=N] [--malware-scan [--scan-unscannable=block|allow] [--scan-delay-ms=N]]
  the local S3 and DynamoDB under DATA_DIR (with the local malware scanner and SQS when asked), then the webapp on them`;

async function main(): Promise<void> {
  // The scan flags are this program's (it starts the scanner); the rest are the webapp's, passed on as given.
  const { values } = parseCli(process.argv.slice(2), { options: { port: { type: 'string' }, ...MALWARE_SCAN_FLAGS } });
  const malwareScan = malwareScanFromFlags(values);
  const webappArgs = values.port === undefined ? [] : [`--port=${values.port}`];
  const config = loadConfigOrExit({ ...process.env, EMBEDDED_BACKENDS: 'false' });
  const backends = await startLocalBackends({
    dataDir: config.dataDir,
    bucket: config.filesBucket,
    table: config.filesTable,
    limitsTable: config.limitsTable,
    malwareScan,
  });
  console.log(
    `backends: S3 ${backends.s3Endpoint}, DynamoDB ${backends.dynamodbEndpoint}, data in ${path.resolve(config.dataDir)}`,
  );
  const webapp = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(workspaceRoot, 'apps/webapp/src/main.ts'), ...webappArgs],
    {
      cwd: workspaceRoot,
      env: {
        ...process.env,
        EMBEDDED_BACKENDS: 'false',
        S3_ENDPOINT: backends.s3Endpoint,
        DYNAMODB_ENDPOINT: backends.dynamodbEndpoint,
        ...backends.malwareScan?.env,
      },
      // The IPC channel: its closing tells the webapp to drain and stop, and it closes by itself if this process dies.
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  createInterface({ input: webapp.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    console.log(line);
    const port = LISTENING.exec(line)?.[1];
    if (port)
      void allowPageOrigin(config, backends, Number(port)).then(() => console.log(`ready: http://127.0.0.1:${port}`));
  });
  // A signal stops the webapp by closing its channel (a second signal could cut its drain); the backends stop after it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => webapp.connected && webapp.disconnect());
  webapp.once('exit', (code) => {
    backends.close().finally(() => process.exit(code ?? 1));
  });
}

/**
 * The page PUTs parts to the local S3 itself, so the bucket allows the page's origin, as the real one allows
 * PUBLIC_ORIGIN.
 */
async function allowPageOrigin(config: WebappConfig, backends: LocalBackends, port: number): Promise<void> {
  const clients = createAwsClients({
    awsRegion: config.awsRegion,
    s3Endpoint: backends.s3Endpoint,
    dynamodbEndpoint: backends.dynamodbEndpoint,
  });
  try {
    await ensureBucketCors(clients.s3, config.filesBucket, localPageOrigins(port, config.directTransfer.publicOrigin));
  } catch (err) {
    console.error(
      `could not allow the page's origin on the local bucket: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    clients.destroy();
  }
}

runCli(main, {
  usage: SERVE_USAGE,
  describeFailure: (err) => `local webapp failed to start: ${err instanceof Error ? err.message : String(err)}`,
});
