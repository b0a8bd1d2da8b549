import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadWebappConfig, type WebappConfig } from '@ha-uploads/config';
import {
  type LocalMalwareScan,
  type MalwareScanSettings,
  type RunningS3Server,
  type RunningServer,
  startDynamoDbServer,
  startLocalMalwareScan,
  startS3Server,
} from '@ha-uploads/local-aws';
import { createAwsClients, type AwsClients } from '../lib/aws-clients';
import { DynamoDbFileCatalog } from '../lib/dynamodb-file-catalog';
import { ensureResources } from '../lib/ensure-resources';
import { S3BlobStore } from '../lib/s3-blob-store';

const HOST = '127.0.0.1';

/** Real local S3 and DynamoDB servers for one test file, with fault controls. */
export interface TestBackends {
  /** The environment a webapp instance would get to use these backends (endpoints mode). */
  readonly env: Readonly<Record<string, string>>;
  /** loadWebappConfig(env). */
  readonly config: WebappConfig;
  /** SDK clients bound to the backends (destroyed by stop()). */
  readonly clients: AwsClients;
  readonly blobStore: S3BlobStore;
  readonly catalog: DynamoDbFileCatalog;
  readonly s3Endpoint: string;
  readonly dynamodbEndpoint: string;
  readonly bucket: string;
  readonly table: string;
  /** The limits table (fleet-wide abuse counters), also in `env` as LIMITS_TABLE. */
  readonly limitsTable: string;
  /** The local SQS, results queue and scanner when `malwareScan` was given (its variables are in `env`). */
  readonly malwareScan?: LocalMalwareScan;
  /** Stops S3 (connections refused) until startS3(); objects are kept. */
  stopS3(): Promise<void>;
  /** Starts S3 again on the same port and data. */
  startS3(): Promise<void>;
  /** Stops DynamoDB until startDynamo(); items are kept. */
  stopDynamo(): Promise<void>;
  /** Starts DynamoDB again on the same port and data. */
  startDynamo(): Promise<void>;
  /** Stops and starts both, as a backend restart. */
  restart(): Promise<void>;
  /** Stops everything and removes the data; call in afterAll. */
  stop(): Promise<void>;
}

/** Options of startTestBackends. */
export interface TestBackendsOptions {
  /**
   * Extra or overriding environment variables for `env`/`config` (e.g. MAX_UPLOAD_BYTES).
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Scans new files like GuardDuty: the S3 enforces the scan bucket policy, and a local SQS and scanner start.
   * @default - off
   */
  readonly malwareScan?: MalwareScanSettings;
}

/** Starts the local DynamoDB and S3 on random loopback ports with a temp data dir, plus a fresh bucket and table. */
export async function startTestBackends(options: TestBackendsOptions = {}): Promise<TestBackends> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'webapp-test-backends-'));
  const s3Directory = path.join(dataDir, 's3');
  const dynamodbPath = path.join(dataDir, 'dynamodb');
  const suffix = randomBytes(4).toString('hex');
  const bucket = `test-files-${suffix}`;
  const table = `test-files-${suffix}`;
  const limitsTable = `test-limits-${suffix}`;
  const scanned = options.malwareScan && { bucket, unscannable: options.malwareScan.unscannable };
  // The scanner listens to whichever S3 server runs now, across stopS3()/startS3().
  const created = new ObjectCreatedRelay();
  const startS3At = async (port: number) =>
    created.follow(await startS3Server({ host: HOST, port, directory: s3Directory, malwareScan: scanned }));
  let s3: RunningServer | undefined = await startS3At(0);
  let dynamo: RunningServer | undefined = await startDynamoDbServer({ host: HOST, port: 0, path: dynamodbPath });
  const s3Port = s3.port;
  const dynamoPort = dynamo.port;
  const malwareScan =
    options.malwareScan &&
    (await startLocalMalwareScan({
      s3: { endpoint: s3.endpoint, onObjectCreated: (listener) => created.add(listener) },
      bucket,
      host: HOST,
      settings: options.malwareScan,
    }));
  const env: Record<string, string> = {
    S3_ENDPOINT: s3.endpoint,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    FILES_BUCKET: bucket,
    FILES_TABLE: table,
    LIMITS_TABLE: limitsTable,
    AWS_REGION: 'us-east-1',
    HOST,
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...malwareScan?.env,
    ...options.env,
  };
  const config = loadWebappConfig(env);
  const clients = createAwsClients(config);
  await ensureResources(clients, { bucket, table, limitsTable });

  const stopS3 = async () => {
    await s3?.close();
    s3 = undefined;
  };
  const stopDynamo = async () => {
    await dynamo?.close();
    dynamo = undefined;
  };
  const startS3 = async () => {
    s3 ??= await startS3At(s3Port);
  };
  const startDynamo = async () => {
    dynamo ??= await startDynamoDbServer({ host: HOST, port: dynamoPort, path: dynamodbPath });
  };

  return {
    env,
    config,
    clients,
    blobStore: new S3BlobStore({
      s3: clients.s3,
      bucket,
      partSizeBytes: config.uploadPartSizeBytes,
      queueSize: config.uploadQueueSize,
    }),
    catalog: new DynamoDbFileCatalog({ dynamodb: clients.dynamodb, table }),
    s3Endpoint: s3.endpoint,
    dynamodbEndpoint: dynamo.endpoint,
    bucket,
    table,
    limitsTable,
    malwareScan,
    stopS3,
    startS3,
    stopDynamo,
    startDynamo,
    async restart() {
      await Promise.all([stopS3(), stopDynamo()]);
      await Promise.all([startS3(), startDynamo()]);
    },
    async stop() {
      clients.destroy();
      await malwareScan?.close();
      await Promise.all([stopS3(), stopDynamo()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

type ObjectCreatedListener = Parameters<RunningS3Server['onObjectCreated']>[0];

/** Passes on the object-created events of the S3 server running now to listeners that outlive it. */
class ObjectCreatedRelay {
  private readonly listeners = new Set<ObjectCreatedListener>();

  /** Relays `server`'s events (until it closes) and returns it. */
  follow(server: RunningS3Server): RunningS3Server {
    server.onObjectCreated((bucket, record) => {
      for (const listener of this.listeners) listener(bucket, record);
    });
    return server;
  }

  /** Adds a listener; returns the call that removes it. */
  add(listener: ObjectCreatedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
