import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { type CatalogEntry, toListedFile } from '@ha-uploads/files';
import { callBackend } from './backend-errors';
import { type CatalogItem, type ShardPlacement, entryFromItem, itemKey, listedItems, listedKeys } from './catalog-item';
import { conditionalWrite } from './catalog-writes';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** Where the catalog's items are: the client, the table and the layout entries are written in. */
export interface CatalogTable {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  readonly placement: ShardPlacement;
}

/**
 * Marks a PENDING entry READY in an order a crash cannot hurt, with plain writes (an upload's entry partition pays 2
 * write units, where a transaction of the entry and its copies cost twice each): its listed copies first, one in each
 * replica group, in parallel (never over another body's copy), then the entry. A crash between them leaves a PENDING
 * entry with copies, which the sweep finishes (finishFromCopy). False when the entry is no longer PENDING; the
 * copies written are then taken back.
 */
export async function writeReady(at: CatalogTable, ready: CatalogEntry): Promise<boolean> {
  const copies = listedItems(toListedFile(ready), at.placement);
  const written = await Promise.all(copies.map((copy) => putCopy(at, copy, ready)));
  const copied = written.every(Boolean);
  if (copied && (await flipToReady(at, ready))) return true;
  // Not PENDING any more (cancelled, swept, or READY already): only this body's copies go, and only if not READY.
  const now = await at.db.send(
    new GetCommand({
      TableName: at.table,
      Key: itemKey(ready.id, at.placement.shards),
      ConsistentRead: true,
    }),
  );
  if (now.Item?.['state'] !== 'READY') await takeBackCopies(at, ready);
  return false;
}

// One listed copy, unless another body's copy holds its key: true when this body's copy is there now.
function putCopy(at: CatalogTable, copy: CatalogItem, ready: CatalogEntry): Promise<boolean> {
  return conditionalWrite(
    async () => {
      await at.db.send(
        new PutCommand({
          TableName: at.table,
          Item: copy,
          ConditionExpression: 'attribute_not_exists(#pk) OR (sha256 = :sha256 AND #size = :size)',
          ExpressionAttributeNames: { '#pk': S.partitionKey, '#size': 'size' },
          ExpressionAttributeValues: { ':sha256': ready.sha256, ':size': ready.size },
        }),
      );
      return true;
    },
    async () => false,
  );
}

/**
 * Finishes an upload that crashed between its writes: a PENDING entry with a listed copy in any replica group turns
 * READY with that copy's body facts, its missing copies written first. False when there is no copy (the upload never
 * completed) or the entry changed.
 */
export async function finishFromCopy(at: CatalogTable, pending: CatalogEntry, now: string): Promise<boolean> {
  const found = await Promise.all(
    listedKeys(pending.id, at.placement).map((Key) =>
      callBackend('DynamoDB', () => at.db.send(new GetCommand({ TableName: at.table, Key, ConsistentRead: true }))),
    ),
  );
  const copy = found.find((out) => out.Item)?.Item;
  if (!copy) return false;
  const body = entryFromItem(copy);
  const { session: _session, ...rest } = pending;
  const ready: CatalogEntry = {
    ...rest,
    ...pick(body),
    state: 'READY',
    updatedAt: now,
  };
  // Every group lists it before the entry turns READY, as an upload that had not crashed would have done.
  return found.every((out) => out.Item) ? flipToReady(at, ready) : writeReady(at, ready);
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
          Key: itemKey(ready.id, at.placement.shards),
          UpdateExpression: `SET #state = :ready, #size = :size, sha256 = :sha256, contentType = :contentType, #updatedAt = :now, #listedIn = :replicas${
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
            '#listedIn': S.listedInAttribute,
          },
          ExpressionAttributeValues: {
            ':ready': 'READY',
            ':pending': 'PENDING',
            ':size': ready.size,
            ':sha256': ready.sha256,
            ':contentType': ready.contentType,
            ':now': ready.updatedAt,
            ':replicas': at.placement.replicas,
            ...(ready.checksum && { ':checksum': ready.checksum }),
          },
        }),
      );
      return true;
    },
    async () => false,
  );
}

// Each of this body's copies (another body's stays).
async function takeBackCopies(at: CatalogTable, ready: CatalogEntry): Promise<void> {
  for (const Key of listedKeys(ready.id, at.placement))
    await conditionalWrite(
      async () => {
        await at.db.send(
          new DeleteCommand({
            TableName: at.table,
            Key,
            ConditionExpression: 'sha256 = :sha256',
            ExpressionAttributeValues: { ':sha256': ready.sha256 },
          }),
        );
      },
      async () => undefined,
    );
}
