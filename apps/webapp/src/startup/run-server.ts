import { scheduleSweeps } from '@ha-uploads/files';
import { runCli } from '@ha-uploads/process';
import { createApp } from '../app';
import { createLogger } from './logger';
import { drain, listen } from './http-server';
import { resolveInstanceId } from './instance-identity';
import { loadClientScript } from './client-script';
import { composeServices } from './compose-services';
import { loadConfigOrExit } from '@ha-uploads/config';
import { createAppMetrics } from './app-metrics';
import { portInUseLine } from '@ha-uploads/process';
import { SERVE_USAGE, serveArgsAsEnv } from './serve-args';
import { openMalwareScanning } from './malware-scan';

/** What picks another port, told when the configured one is taken. */
const PORT_REMEDY = 'pass --port=N (npx nx run webapp:serve --port=N) or set PORT=N; 0 picks a free port';

/**
 * Loads the config, builds the services, serves until SIGTERM/SIGINT, then drains; exits 1 with one line on failure.
 */
export function runServer(): void {
  runCli(() => serve(), {
    usage: SERVE_USAGE,
    describeFailure: (err) =>
      portInUseLine(err, PORT_REMEDY) ?? `webapp failed to start: ${err instanceof Error ? err.message : String(err)}`,
  });
}

async function serve(): Promise<void> {
  const config = loadConfigOrExit({ ...process.env, ...serveArgsAsEnv(process.argv.slice(2)) });
  const bootLogger = createLogger({ instanceId: config.instanceId ?? 'starting', level: config.logLevel });
  const instanceId = await resolveInstanceId(config, { warn: (message, err) => bootLogger.warn({ err }, message) });
  const logger = createLogger({ instanceId, level: config.logLevel });

  const metrics = createAppMetrics(config, instanceId, logger);
  const services = await composeServices(config, logger);
  const { storage } = services;
  const scanning = openMalwareScanning(config, storage, logger, metrics);
  const app = createApp({
    catalog: storage.catalog,
    blobs: storage.blobs,
    instanceId,
    logger,
    maxUploadBytes: config.maxUploadBytes,
    maxFilesPerRequest: config.maxFilesPerRequest,
    clientScript: await loadClientScript(),
    auth: config.auth,
    uploadLimits: services.uploadLimits,
    trustProxyHops: config.trustProxyHops,
    metrics,
    multipart: storage.multipart,
    directTransferOrigin: storage.multipartOrigin,
    directTransfer: config.directTransfer,
    downloadStreams: services.downloadStreams,
    malwareScan: scanning.options,
  });
  const server = await listen(app.callback(), config, config);
  scanning.start();
  const stopSweeps = scheduleSweeps({
    ...services.sweep,
    intervalSeconds: config.sweepIntervalSeconds,
    orphanWindowSeconds: config.sweepOrphanWindowSeconds,
    logger,
    onReport: (report) => metrics.swept(report.staleEntries.length + report.adoptedObjects.length),
  });
  const address = server.address();
  logger.info(
    { address, backendMode: config.backendMode, authMode: config.auth.mode },
    `listening on http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    stopSweeps();
    // The long poll ends at once; a result it leaves behind is another instance's, or this one's after a restart.
    const scanStopped = scanning.stop();
    const drained = await drain(server, config.shutdownTimeoutMs);
    if (!drained)
      logger.warn({ timeoutMs: config.shutdownTimeoutMs }, 'requests still in flight at the deadline were cut');
    await scanStopped;
    await metrics.flush();
    await services.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  // Started by a local cluster over an IPC channel: its closing means the cluster is gone, even by SIGKILL.
  if (process.channel) process.once('disconnect', () => void shutdown('parent gone'));
}
