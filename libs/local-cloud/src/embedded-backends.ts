import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAwsClients, ensureFilesBucket, ensureFilesTable, ensureLimitsTable } from '@ha-uploads/storage';
import {
  type LocalMalwareScan,
  type MalwareScanSettings,
  startDynamoDbServer,
  startLocalMalwareScan,
  startS3Server,
} from '@ha-uploads/local-aws';

/** Options of startLocalBackends. */
export interface LocalBackendsOptions {
  /**
   * Directory that persists both backends (<dataDir>/dynamodb, <dataDir>/s3); data survives a restart.
   * @default - memory-only: DynamoDB in memory, S3 in a temporary directory removed on close
   */
  readonly dataDir?: string;
  /**
   * Address both servers bind to.
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /**
   * @default 0 - a free port
   */
  readonly s3Port?: number;
  /**
   * @default 0 - a free port
   */
  readonly dynamodbPort?: number;
  /**
   * Bucket to create if missing.
   * @default - none created
   */
  readonly bucket?: string;
  /**
   * Files table to create if missing (and wait for until ACTIVE).
   * @default - none created
   */
  readonly table?: string;
  /**
   * Limits table (the fleet-wide abuse counters) to create if missing.
   * @default - none created
   */
  readonly limitsTable?: string;
  /**
   * Scans new files in `bucket` like GuardDuty: the S3 enforces the scan bucket policy, and a local SQS (with the
   * results queue) and scanner start.
   * @default - off
   */
  readonly malwareScan?: MalwareScanSettings;
  /**
   * Port of the local SQS, when scanning.
   * @default 0 - a free port
   */
  readonly sqsPort?: number;
}

/** Local S3 and DynamoDB servers that are running. */
export interface LocalBackends {
  readonly s3Endpoint: string;
  readonly dynamodbEndpoint: string;
  /** The local SQS, queue and scanner when scanning; `malwareScan.env` is what the app reads to drain results. */
  readonly malwareScan?: LocalMalwareScan;
  /** Stops both servers (and removes the temporary directory of a memory-only run). */
  close(): Promise<void>;
}

/**
 * Starts dynalite and the local S3 on loopback, persisted under dataDir (or memory-only without one), and creates the
 * bucket and table if asked.
 */
export async function startLocalBackends(options: LocalBackendsOptions = {}): Promise<LocalBackends> {
  const host = options.host ?? '127.0.0.1';
  if (options.malwareScan && !options.bucket) throw new Error('malware scanning needs the bucket it scans');
  const scanned =
    options.malwareScan && options.bucket ? { bucket: options.bucket, ...options.malwareScan } : undefined;
  // The local S3 keeps its objects on disk, so a memory-only run gives it a throwaway directory.
  const scratchDir = options.dataDir ? undefined : await mkdtemp(path.join(tmpdir(), 'webapp-s3-'));
  const s3Directory = options.dataDir ? path.join(options.dataDir, 's3') : (scratchDir as string);
  const dynamodbPath = options.dataDir ? path.join(options.dataDir, 'dynamodb') : undefined;

  const [dynamodb, s3] = await Promise.allSettled([
    startDynamoDbServer({ host, port: options.dynamodbPort ?? 0, path: dynamodbPath }),
    startS3Server({ host, port: options.s3Port ?? 0, directory: s3Directory, malwareScan: scanned }),
  ]);
  const removeScratch = async () => {
    if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
  };
  if (dynamodb.status === 'rejected' || s3.status === 'rejected') {
    // Leave nothing half-started (a port or a LevelDB lock) behind.
    await Promise.allSettled([dynamodb, s3].map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
    await removeScratch();
    throw dynamodb.status === 'rejected' ? dynamodb.reason : (s3 as PromiseRejectedResult).reason;
  }
  let malwareScan: LocalMalwareScan | undefined;
  try {
    const sqsPort = options.sqsPort;
    malwareScan =
      scanned &&
      (await startLocalMalwareScan({ s3: s3.value, bucket: scanned.bucket, host, sqsPort, settings: scanned }));
  } catch (err) {
    await Promise.all([dynamodb.value.close(), s3.value.close()]);
    await removeScratch();
    throw err;
  }
  const backends: LocalBackends = {
    s3Endpoint: s3.value.endpoint,
    dynamodbEndpoint: dynamodb.value.endpoint,
    malwareScan,
    async close() {
      await malwareScan?.close();
      await Promise.all([dynamodb.value.close(), s3.value.close()]);
      await removeScratch();
    },
  };
  try {
    await createResources(backends, options);
  } catch (err) {
    await backends.close();
    throw err;
  }
  return backends;
}

async function createResources(backends: LocalBackends, options: LocalBackendsOptions): Promise<void> {
  if (!options.bucket && !options.table && !options.limitsTable) return;
  // Local servers ignore the region; the SDK only needs one to sign with.
  const clients = createAwsClients({
    awsRegion: 'us-east-1',
    s3Endpoint: backends.s3Endpoint,
    dynamodbEndpoint: backends.dynamodbEndpoint,
  });
  try {
    await Promise.all([
      options.bucket && ensureFilesBucket(clients.s3, options.bucket),
      options.table && ensureFilesTable(clients.dynamodb, options.table),
      options.limitsTable && ensureLimitsTable(clients.dynamodb, options.limitsTable),
    ]);
  } finally {
    clients.destroy();
  }
}
