import { LOCAL_AWS_CREDENTIALS, type WebappConfig } from '@ha-uploads/config';
import type { Logger } from 'pino';
import { S3Client } from '@aws-sdk/client-s3';
import type { BlobStore, FileCatalog, MultipartStore } from '@ha-uploads/files';
import { createAwsClients, DynamoDbFileCatalog, DynamoDbUsageCounters, ensureBucketCors, ensureResources, migrateCatalog, type MigratedEntry, S3BlobStore, S3MultipartStore } from '@ha-uploads/storage';
import { localPageOrigins } from '../local/local-page-origins';

/** The storage the app runs on, and how to let it go. */
export interface OpenStorage {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  /** Direct uploads and downloads (presigned URLs). */
  readonly multipart: MultipartStore;
  /** The origin of the presigned URLs, which the page must be allowed to connect to. */
  readonly multipartOrigin: string;
  /** The fleet-wide abuse counters in the limits table. */
  readonly counters: DynamoDbUsageCounters;
  /** Moves a single-partition catalog into the sharded layout, or to another shard count (the admin's migrate-catalog). */
  migrateCatalog(options: { readonly startAfter?: string; readonly shards?: number }): AsyncIterable<MigratedEntry>;
  close(): Promise<void>;
}

/**
 * Connects to S3 and DynamoDB for the configured mode: embedded (starts the local stand-ins under dataDir),
 * endpoints (given local servers), or aws. Creates the bucket and tables except on real AWS, where infra owns them.
 */
export async function openStorage(config: WebappConfig, logger: Logger): Promise<OpenStorage> {
  let endpoints = { s3Endpoint: config.s3Endpoint, dynamodbEndpoint: config.dynamodbEndpoint };
  let closeEmbedded = async () => undefined as void;
  if (config.backendMode === 'embedded') {
    // Imported on demand so the production bundle never loads the local stand-ins.
    const { startLocalBackends } = await import('../local/embedded-backends');
    const embedded = await startLocalBackends({ dataDir: config.dataDir });
    endpoints = { s3Endpoint: embedded.s3Endpoint, dynamodbEndpoint: embedded.dynamodbEndpoint };
    closeEmbedded = () => embedded.close();
    logger.info({ ...endpoints, dataDir: config.dataDir }, 'embedded backends started');
  }
  const clients = createAwsClients({ awsRegion: config.awsRegion, ...endpoints });
  try {
    if (config.backendMode !== 'aws') await ensureResources(clients, { bucket: config.filesBucket, table: config.filesTable, limitsTable: config.limitsTable });
    // Only the owner of the embedded backends sets their CORS rule (the cluster sets it for its balancer's origin).
    if (config.backendMode === 'embedded') await ensureBucketCors(clients.s3, config.filesBucket, localPageOrigins(config.port, config.directTransfer.publicOrigin));
  } catch (err) {
    clients.destroy();
    await closeEmbedded();
    throw err;
  }
  // Presigned URLs must name the S3 address the browser reaches, which locally is not the app's own endpoint.
  const publicEndpoint = config.directTransfer.s3PublicEndpoint;
  const presignS3 =
    publicEndpoint && endpoints.s3Endpoint
      ? new S3Client({ region: config.awsRegion, endpoint: publicEndpoint, forcePathStyle: true, credentials: LOCAL_AWS_CREDENTIALS })
      : undefined;
  const multipart = new S3MultipartStore({ s3: clients.s3, presignS3, bucket: config.filesBucket });
  return {
    multipart,
    multipartOrigin: await multipart.urlOrigin(),
    catalog: new DynamoDbFileCatalog({ dynamodb: clients.dynamodb, table: config.filesTable }),
    counters: new DynamoDbUsageCounters({ dynamodb: clients.dynamodb, table: config.limitsTable }),
    migrateCatalog: (options) => migrateCatalog({ dynamodb: clients.dynamodb, table: config.filesTable, ...options }),
    blobs: new S3BlobStore({
      s3: clients.s3,
      bucket: config.filesBucket,
      partSizeBytes: config.uploadPartSizeBytes,
      queueSize: config.uploadQueueSize,
    }),
    async close() {
      presignS3?.destroy();
      clients.destroy();
      await closeEmbedded();
    },
  };
}
