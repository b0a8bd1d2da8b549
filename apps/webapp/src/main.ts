import { startServeBackends } from './startup/serve-backends';
import { createApp } from './app';
import { createLogger } from './startup/logger';
import { drain, listen } from './startup/http-server';
import { resolveInstanceId } from './startup/instance-identity';
import { loadClientScript } from './startup/client-script';
import { openStorage } from './startup/open-storage';
import { scheduleSweeps } from '@ha-uploads/files';
import { loadConfigOrExit } from './startup/load-config';
import { uploadLimitsFor } from './startup/upload-limits';
import { DownloadStreams } from './http/download-streams';
import { createAppMetrics } from './startup/app-metrics';
import { portInUseLine } from './startup/port-in-use';
import { serveArgsAsEnv } from './startup/serve-args';
import { openMalwareScanning } from './startup/malware-scan';

/** What picks another port, told when the configured one is taken. */
const PORT_REMEDY = 'pass --port=N (npx nx run webapp:serve --port=N) or set PORT=N; 0 picks a free port';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const env = { ...process.env, ...serveArgsAsEnv(argv) };
  const serveBackends = await startServeBackends(env, argv);
  const config = loadConfigOrExit({ ...env, ...serveBackends?.env });
  const bootLogger = createLogger({ instanceId: config.instanceId ?? 'starting', level: config.logLevel });
  const instanceId = await resolveInstanceId(config, { warn: (message, err) => bootLogger.warn({ err }, message) });
  const logger = createLogger({ instanceId, level: config.logLevel });

  const metrics = createAppMetrics(config, instanceId, logger);
  const storage = await openStorage(config, logger);
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
    uploadLimits: uploadLimitsFor(config, storage.counters, logger),
    trustProxyHops: config.trustProxyHops,
    metrics,
    multipart: storage.multipart,
    directTransferOrigin: storage.multipartOrigin,
    directTransfer: config.directTransfer,
    downloadStreams: new DownloadStreams(config.downloadStreams),
    malwareScan: scanning.options,
  });
  const server = await listen(app.callback(), config, config);
  scanning.start();
  const stopSweeps = scheduleSweeps({
    catalog: storage.catalog,
    blobs: storage.blobs,
    multipart: storage.multipart,
    intervalSeconds: config.sweepIntervalSeconds,
    graceSeconds: config.sweepGraceSeconds,
    orphanWindowSeconds: config.sweepOrphanWindowSeconds,
    trashRetentionSeconds: config.auth.deleteRetentionHours * 3600,
    logger,
    onReport: (report) => metrics.swept(report.staleEntries.length + report.adoptedObjects.length),
  });
  const address = server.address();
  logger.info({ address, backendMode: config.backendMode, authMode: config.auth.mode }, `listening on http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    stopSweeps();
    // The long poll ends at once; a result it leaves behind is another instance's, or this one's after a restart.
    const scanStopped = scanning.stop();
    const drained = await drain(server, config.shutdownTimeoutMs);
    if (!drained) logger.warn({ timeoutMs: config.shutdownTimeoutMs }, 'requests still in flight at the deadline were cut');
    await scanStopped;
    await metrics.flush();
    await storage.close();
    await serveBackends?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  // Started by a local cluster over an IPC channel: its closing means the cluster is gone, even by SIGKILL.
  if (process.channel) process.once('disconnect', () => void shutdown('parent gone'));
}

main().catch((err: unknown) => {
  console.error(portInUseLine(err, PORT_REMEDY) ?? `webapp failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
