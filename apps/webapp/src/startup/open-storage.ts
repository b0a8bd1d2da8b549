import { ConfigError, LOCAL_AWS_CREDENTIALS, type WebappConfig } from '@ha-uploads/config';
import { S3Client } from '@aws-sdk/client-s3';
import type { BlobStore, FileCatalog, MultipartStore, ScanTagReader } from '@ha-uploads/files';
import {
  createAwsClients,
  DynamoDbFileCatalog,
  DynamoDbUsageCounters,
  ensureResources,
  migrateCatalog,
  type MigratedEntry,
  S3BlobStore,
  S3MultipartStore,
  S3ScanTags,
} from '@ha-uploads/storage';

/** Said when a production entry point is asked for the stand-ins, which only the local cloud's entry starts. */
const EMBEDDED_NEEDS_LOCAL_ENTRY =
  'EMBEDDED_BACKENDS: true needs the local entry point (npx nx run webapp:serve), which starts the stand-ins; got true';

/** The storage the app runs on, and how to let it go. */
export interface OpenStorage {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  /** Direct uploads and downloads (presigned URLs). */
  readonly multipart: MultipartStore;
  /** The origin of the presigned URLs, which the page must be allowed to connect to. */
  readonly multipartOrigin: string;
  /** The scanner's verdict tags on the objects (malware scanning's re-check). */
  readonly scanTags: ScanTagReader;
  /** The fleet-wide abuse counters in the limits table. */
  readonly counters: DynamoDbUsageCounters;
  /**
   * Moves the catalog into the current layout, or to other shard and replica counts (the admin's migrate-catalog).
   */
  migrateCatalog(options: {
    readonly startAfter?: string;
    readonly shards?: number;
    readonly replicas?: number;
  }): AsyncIterable<MigratedEntry>;
  close(): Promise<void>;
}

/**
 * Connects to S3 and DynamoDB: given endpoints (local servers the local cloud started) or AWS. Creates the bucket and
 * tables except on real AWS, where infra owns them.
 */
export async function openStorage(config: WebappConfig): Promise<OpenStorage> {
  if (config.backendMode === 'embedded') throw new ConfigError('webapp environment', [EMBEDDED_NEEDS_LOCAL_ENTRY]);
  const endpoints = { s3Endpoint: config.s3Endpoint, dynamodbEndpoint: config.dynamodbEndpoint };
  const clients = createAwsClients({ awsRegion: config.awsRegion, ...endpoints });
  try {
    if (config.backendMode !== 'aws')
      await ensureResources(clients, {
        bucket: config.filesBucket,
        table: config.filesTable,
        limitsTable: config.limitsTable,
      });
  } catch (err) {
    clients.destroy();
    throw err;
  }
  // Presigned URLs must name the S3 address the browser reaches, which locally is not the app's own endpoint.
  const publicEndpoint = config.directTransfer.s3PublicEndpoint;
  const presignS3 =
    publicEndpoint && endpoints.s3Endpoint
      ? new S3Client({
          region: config.awsRegion,
          endpoint: publicEndpoint,
          forcePathStyle: true,
          credentials: LOCAL_AWS_CREDENTIALS,
        })
      : undefined;
  const multipart = new S3MultipartStore({ s3: clients.s3, presignS3, bucket: config.filesBucket });
  return {
    multipart,
    multipartOrigin: await multipart.urlOrigin(),
    catalog: new DynamoDbFileCatalog({ dynamodb: clients.dynamodb, table: config.filesTable }),
    scanTags: new S3ScanTags({ s3: clients.s3, bucket: config.filesBucket }),
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
    },
  };
}
