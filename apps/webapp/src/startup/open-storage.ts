import type { WebappConfig } from '@ha-uploads/config';
import type { Logger } from 'pino';
import type { BlobStore, FileCatalog } from '@ha-uploads/files';
import { createAwsClients, DynamoDbFileCatalog, DynamoDbUsageCounters, ensureResources, S3BlobStore } from '@ha-uploads/storage';

/** The storage the app runs on, and how to let it go. */
export interface OpenStorage {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  /** The fleet-wide abuse counters in the limits table. */
  readonly counters: DynamoDbUsageCounters;
  close(): Promise<void>;
}

/**
 * Connects to S3 and DynamoDB for the configured mode: embedded (starts dynalite + s3rver under dataDir),
 * endpoints (given local servers), or aws. Creates the bucket and tables except on real AWS, where infra owns them.
 */
export async function openStorage(config: WebappConfig, logger: Logger): Promise<OpenStorage> {
  let endpoints = { s3Endpoint: config.s3Endpoint, dynamodbEndpoint: config.dynamodbEndpoint };
  let closeEmbedded = async () => undefined as void;
  if (config.backendMode === 'embedded') {
    // Imported on demand so the production bundle never loads dynalite or s3rver.
    const { startLocalBackends } = await import('../local/embedded-backends');
    const embedded = await startLocalBackends({ dataDir: config.dataDir });
    endpoints = { s3Endpoint: embedded.s3Endpoint, dynamodbEndpoint: embedded.dynamodbEndpoint };
    closeEmbedded = () => embedded.close();
    logger.info({ ...endpoints, dataDir: config.dataDir }, 'embedded backends started');
  }
  const clients = createAwsClients({ awsRegion: config.awsRegion, ...endpoints });
  try {
    if (config.backendMode !== 'aws') await ensureResources(clients, { bucket: config.filesBucket, table: config.filesTable, limitsTable: config.limitsTable });
  } catch (err) {
    clients.destroy();
    await closeEmbedded();
    throw err;
  }
  return {
    catalog: new DynamoDbFileCatalog({ dynamodb: clients.dynamodb, table: config.filesTable }),
    counters: new DynamoDbUsageCounters({ dynamodb: clients.dynamodb, table: config.limitsTable }),
    blobs: new S3BlobStore({
      s3: clients.s3,
      bucket: config.filesBucket,
      partSizeBytes: config.uploadPartSizeBytes,
      queueSize: config.uploadQueueSize,
    }),
    async close() {
      clients.destroy();
      await closeEmbedded();
    },
  };
}
