import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { type CatalogEntry, toListedFile } from '@ha-uploads/files';
import { callBackend } from './backend-errors';
import { entryFromItem, itemKey, listedItem, listedKey } from './catalog-item';
import { conditionalWrite } from './catalog-writes';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** Where the catalog's items are: the client, the table and the shard count. */
export interface CatalogTable {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  readonly shards: number;
}

/**
 * Marks a PENDING entry READY in an order a crash cannot hurt, with plain writes (3 write units an upload, where a
 * transaction cost 5): its listed copy first (never over another body's copy), then the entry. A crash between them
 * leaves a PENDING entry with a copy, which the sweep finishes (finishFromCopy). False when the entry is no longer
 * PENDING; the copy written is then taken back.
 */
export async function writeReady(at: CatalogTable, ready: CatalogEntry): Promise<boolean> {
  const copy = listedItem(toListedFile(ready), at.shards);
  const sameBody = { ':sha256': ready.sha256, ':size': ready.size };
  const copied = await conditionalWrite(
    async () => {
      await at.db.send(
        new PutCommand({
          TableName: at.table,
          Item: copy,
          ConditionExpression: 'attribute_not_exists(#pk) OR (sha256 = :sha256 AND #size = :size)',
          ExpressionAttributeNames: { '#pk': S.partitionKey, '#size': 'size' },
          ExpressionAttributeValues: sameBody,
        }),
      );
      return true;
    },
    async () => false,
  );
  if (copied && (await flipToReady(at, ready))) return true;
  // Not PENDING any more (cancelled, swept, or READY already): only this body's copy goes, and only if not READY.
  const now = await at.db.send(
    new GetCommand({
      TableName: at.table,
      Key: itemKey(ready.id, at.shards),
      ConsistentRead: true,
    }),
  );
  if (copied && now.Item?.['state'] !== 'READY') await takeBackCopy(at, ready);
  return false;
}

/**
 * Finishes an upload that crashed between its two writes: a PENDING entry whose listed copy exists turns READY with
 * the copy's body facts. False when there is no copy (the upload never completed) or the entry changed.
 */
export async function finishFromCopy(at: CatalogTable, pending: CatalogEntry, now: string): Promise<boolean> {
  const out = await callBackend('DynamoDB', () =>
    at.db.send(
      new GetCommand({
        TableName: at.table,
        Key: listedKey(pending.id, at.shards),
        ConsistentRead: true,
      }),
    ),
  );
  if (!out.Item) return false;
  const body = entryFromItem(out.Item);
  const { session: _session, ...rest } = pending;
  const ready: CatalogEntry = {
    ...rest,
    ...pick(body),
    state: 'READY',
    updatedAt: now,
  };
  return flipToReady(at, ready);
}

function pick(body: CatalogEntry): Pick<CatalogEntry, 'size' | 'sha256' | 'contentType' | 'checksum'> {
  return {
    size: body.size,
    sha256: body.sha256,
    contentType: body.contentType,
    ...(body.checksum && { checksum: body.checksum }),
  };
}

// The entry PENDING -> READY with its body's facts, out of the sweeper's index and without its session.
async function flipToReady(at: CatalogTable, ready: CatalogEntry): Promise<boolean> {
  return conditionalWrite(
    async () => {
      await at.db.send(
        new UpdateCommand({
          TableName: at.table,
          Key: itemKey(ready.id, at.shards),
          UpdateExpression: `SET #state = :ready, #size = :size, sha256 = :sha256, contentType = :contentType, #updatedAt = :now${
            ready.checksum ? ', checksum = :checksum' : ''
          } REMOVE #limbo, #session`,
          ConditionExpression: 'attribute_exists(#pk) AND #state = :pending',
          ExpressionAttributeNames: {
            '#pk': S.partitionKey,
            '#state': 'state',
            '#size': 'size',
            '#updatedAt': S.staleIndexSortKey,
            '#limbo': S.staleIndexPartitionKey,
            '#session': 'session',
          },
          ExpressionAttributeValues: {
            ':ready': 'READY',
            ':pending': 'PENDING',
            ':size': ready.size,
            ':sha256': ready.sha256,
            ':contentType': ready.contentType,
            ':now': ready.updatedAt,
            ...(ready.checksum && { ':checksum': ready.checksum }),
          },
        }),
      );
      return true;
    },
    async () => false,
  );
}

async function takeBackCopy(at: CatalogTable, ready: CatalogEntry): Promise<void> {
  await conditionalWrite(
    async () => {
      await at.db.send(
        new DeleteCommand({
          TableName: at.table,
          Key: listedKey(ready.id, at.shards),
          ConditionExpression: 'sha256 = :sha256',
          ExpressionAttributeValues: { ':sha256': ready.sha256 },
        }),
      );
    },
    async () => undefined,
  );
}
