import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadWebappConfig, type WebappConfig } from '@ha-uploads/config';
import { type RunningServer, startDynamoDbServer, startS3Server } from '@ha-uploads/local-aws';
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
}

/** Starts the local DynamoDB and S3 on random loopback ports with a temp data dir, plus a fresh bucket and table. */
export async function startTestBackends(options: TestBackendsOptions = {}): Promise<TestBackends> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'webapp-test-backends-'));
  const s3Directory = path.join(dataDir, 's3');
  const dynamodbPath = path.join(dataDir, 'dynamodb');
  let s3: RunningServer | undefined = await startS3Server({ host: HOST, port: 0, directory: s3Directory });
  let dynamo: RunningServer | undefined = await startDynamoDbServer({ host: HOST, port: 0, path: dynamodbPath });
  const s3Port = s3.port;
  const dynamoPort = dynamo.port;

  const suffix = randomBytes(4).toString('hex');
  const bucket = `test-files-${suffix}`;
  const table = `test-files-${suffix}`;
  const limitsTable = `test-limits-${suffix}`;
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
    s3 ??= await startS3Server({ host: HOST, port: s3Port, directory: s3Directory });
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
      await Promise.all([stopS3(), stopDynamo()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
