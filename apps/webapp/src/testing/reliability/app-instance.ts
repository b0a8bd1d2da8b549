import type { Server } from 'node:http';
import { loadWebappConfig } from '@ha-uploads/config';
import { pino } from 'pino';
import { createApp } from '../../app';
import { drain, listen, type ServerTimeouts } from '../../startup/http-server';
import { composeServices } from '../../startup/compose-services';
import type { OpenStorage } from '../../startup/open-storage';
import type { DownloadStreams } from '../../http/download-streams';
import type { DrainedMessage } from '@ha-uploads/files';
import { NO_METRICS } from '../../metrics/app-metrics';
import { openMalwareScanning } from '../../startup/malware-scan';
import type { TestBackends } from '@ha-uploads/storage/testing';

/** A webapp instance in this process, on a real loopback socket, with its own SDK clients. */
export interface AppInstance {
  readonly url: string;
  readonly server: Server;
  readonly storage: OpenStorage;
  /** The downloads it streams (tests wait on their count). */
  readonly downloadStreams: DownloadStreams;
  /** Drains the server and releases its SDK clients; call in afterAll. */
  close(): Promise<void>;
}

/** Options of startAppInstance. */
export interface AppInstanceOptions {
  readonly instanceId: string;
  /** Extra environment for this instance's config (e.g. MAX_UPLOAD_BYTES). @default - the backends' env */
  readonly env?: Readonly<Record<string, string>>;
  /** Server timeouts. @default - the configured ones */
  readonly timeouts?: Partial<ServerTimeouts>;
  /** The upload limits' clock (epoch ms). @default - Date.now */
  readonly now?: () => number;
  /** Told of every scan result the instance handled. @default - not told */
  readonly onScanResult?: (message: DrainedMessage) => void;
}

/**
 * Starts one instance over `backends` the way main.ts does (composeServices, scanning, createApp, listen), minus
 * signals.
 */
export async function startAppInstance(backends: TestBackends, options: AppInstanceOptions): Promise<AppInstance> {
  const config = loadWebappConfig({ ...backends.env, ...options.env });
  const logger = pino({ level: 'silent' });
  const services = await composeServices(config, logger, { now: options.now });
  const { storage, downloadStreams } = services;
  const scanning = openMalwareScanning(config, storage, logger, NO_METRICS, options.onScanResult);
  const app = createApp({
    catalog: storage.catalog,
    blobs: storage.blobs,
    instanceId: options.instanceId,
    logger,
    maxUploadBytes: config.maxUploadBytes,
    maxFilesPerRequest: config.maxFilesPerRequest,
    auth: config.auth,
    uploadLimits: services.uploadLimits,
    trustProxyHops: config.trustProxyHops,
    multipart: storage.multipart,
    directTransferOrigin: storage.multipartOrigin,
    directTransfer: config.directTransfer,
    downloadStreams,
    malwareScan: scanning.options,
  });
  const server = await listen(app.callback(), { port: 0, host: '127.0.0.1' }, { ...config, ...options.timeouts });
  scanning.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    storage,
    downloadStreams,
    async close() {
      await Promise.all([drain(server, 1_000), scanning.stop()]);
      await services.close();
    },
  };
}
