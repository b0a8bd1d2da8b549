import type { WebappConfig } from '@ha-uploads/config';
import type { MalwareScanSettings } from '@ha-uploads/local-aws';
import { createAwsClients, ensureBucketCors } from '@ha-uploads/storage';
import { startLocalBackends } from './embedded-backends';
import { localPageOrigins } from './local-page-origins';

/** Local backends started ahead of the app, and the environment that points the app at them. */
export interface ServeBackends {
  /** S3_ENDPOINT, DYNAMODB_ENDPOINT and the scanning variables; EMBEDDED_BACKENDS off, as they run already. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * `webapp:serve -- --malware-scan`: starts the embedded backends with the local scanner before the app loads its
 * config, because the config must name the results queue; the app then uses them as given endpoints.
 */
export async function startServeBackendsWithScanner(
  config: WebappConfig,
  malwareScan: MalwareScanSettings
): Promise<ServeBackends> {
  if (config.backendMode !== 'embedded')
    throw new RangeError(`--malware-scan starts the local scanner with the embedded backends, got ${config.backendMode}`);
  const backends = await startLocalBackends({
    dataDir: config.dataDir,
    bucket: config.filesBucket,
    table: config.filesTable,
    limitsTable: config.limitsTable,
    malwareScan,
  });
  // As openStorage does for embedded backends: the page may upload to and download from this S3 directly.
  const clients = createAwsClients({ awsRegion: config.awsRegion, s3Endpoint: backends.s3Endpoint });
  try {
    const origins = localPageOrigins(config.port, config.directTransfer.publicOrigin);
    await ensureBucketCors(clients.s3, config.filesBucket, origins);
  } catch (err) {
    await backends.close();
    throw err;
  } finally {
    clients.destroy();
  }
  return {
    env: {
      EMBEDDED_BACKENDS: 'false',
      S3_ENDPOINT: backends.s3Endpoint,
      DYNAMODB_ENDPOINT: backends.dynamodbEndpoint,
      ...backends.malwareScan?.env,
    },
    close: () => backends.close(),
  };
}
