import { setTimeout as delay } from 'node:timers/promises';
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import { DIRECT_TRANSFER_CORS } from '@ha-uploads/config';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { LIMITS_TABLE_SCHEMA } from '@ha-uploads/config';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { markNewTable } from './catalog-layout';
import { filesTableInput } from './files-table';
import { limitsTableInput } from './limits-table';

/** How long ensureFilesTable waits for a new table to become ACTIVE. */
const TABLE_ACTIVE_TIMEOUT_MS = 30_000;
const TABLE_POLL_INTERVAL_MS = 100;

function errorName(err: unknown): string | undefined {
  return (err as { name?: string } | null)?.name;
}

/** Creates the bucket unless it exists. Local backends only: in AWS, infra owns the bucket. */
export async function ensureFilesBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (err) {
    if (errorName(err) !== 'NotFound' && errorName(err) !== 'NoSuchBucket') throw err;
  }
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (err) {
    // Another instance sharing the backends may have won the race.
    if (errorName(err) !== 'BucketAlreadyOwnedByYou' && errorName(err) !== 'BucketAlreadyExists') throw err;
  }
}

/**
 * Creates the files table unless it exists, then waits until it is ACTIVE; a table it creates is marked as never
 * having held the single-partition layout. Local backends only.
 */
export async function ensureFilesTable(dynamodb: DynamoDBDocumentClient, table: string): Promise<void> {
  if (await ensureTable(dynamodb, filesTableInput(table))) await markNewTable(dynamodb, table);
}

/**
 * Creates the limits table (the fleet-wide abuse counters) unless it exists, waits until it is ACTIVE, and enables
 * TTL on its expiry attribute as infra does. Local backends and the AWS contract run only.
 */
export async function ensureLimitsTable(dynamodb: DynamoDBDocumentClient, table: string): Promise<void> {
  await ensureTable(dynamodb, limitsTableInput(table));
  const { TimeToLiveDescription } = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: table }));
  // Enabling twice is an error on AWS, and ENABLING means an earlier call already asked.
  if (TimeToLiveDescription?.TimeToLiveStatus !== 'DISABLED') return;
  await dynamodb.send(
    new UpdateTimeToLiveCommand({
      TableName: table,
      TimeToLiveSpecification: { AttributeName: LIMITS_TABLE_SCHEMA.ttlAttribute, Enabled: true },
    }),
  );
}

// Whether this call created the table (false: it existed).
async function ensureTable(dynamodb: DynamoDBDocumentClient, input: CreateTableCommandInput): Promise<boolean> {
  const table = input.TableName as string;
  let created = true;
  try {
    await dynamodb.send(new CreateTableCommand(input));
  } catch (err) {
    if (errorName(err) !== 'ResourceInUseException') throw err;
    created = false;
  }
  const deadline = Date.now() + TABLE_ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
    if (Table?.TableStatus === 'ACTIVE') return created;
    if (Date.now() > deadline)
      throw new Error(`table ${table} is not ACTIVE after ${TABLE_ACTIVE_TIMEOUT_MS} ms, got ${Table?.TableStatus}`);
    await delay(TABLE_POLL_INTERVAL_MS);
  }
}

/** Creates the bucket and the tables the webapp needs, if missing (embedded and endpoints modes, never AWS). */
export async function ensureResources(
  clients: { readonly s3: S3Client; readonly dynamodb: DynamoDBDocumentClient },
  names: {
    readonly bucket: string;
    readonly table: string;
    /** @default - no limits table */
    readonly limitsTable?: string;
  },
): Promise<void> {
  await Promise.all([
    ensureFilesBucket(clients.s3, names.bucket),
    ensureFilesTable(clients.dynamodb, names.table),
    names.limitsTable && ensureLimitsTable(clients.dynamodb, names.limitsTable),
  ]);
}

/**
 * Gives the local bucket the CORS rule infra gives the real one, for the local page origins, so the browser can PUT
 * parts and GET objects straight from the local S3. Local backends only: in AWS, infra owns the rule.
 */
export async function ensureBucketCors(s3: S3Client, bucket: string, origins: readonly string[]): Promise<void> {
  const { allowedMethods, allowedHeaders, exposeHeaders, maxAgeSeconds } = DIRECT_TRANSFER_CORS;
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            ID: 'direct-transfers-from-the-app',
            AllowedOrigins: [...origins],
            AllowedMethods: [...allowedMethods],
            AllowedHeaders: [...allowedHeaders],
            ExposeHeaders: [...exposeHeaders],
            MaxAgeSeconds: maxAgeSeconds,
          },
        ],
      },
    }),
  );
}
