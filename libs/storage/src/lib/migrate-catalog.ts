import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CatalogEntry, toListedFile } from '@ha-uploads/files';
import { callBackend } from './backend-errors';
import { entryFromItem, itemFromEntry, limboPartition, listedItem, trashItems, trashOwnerKey } from './catalog-item';
import { type CatalogTransactItem, transactWrite } from './catalog-writes';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** Settings of migrateCatalog. */
export interface MigrateCatalogProps {
  readonly dynamodb: DynamoDBDocumentClient;
  readonly table: string;
  /** @default FILES_TABLE_SCHEMA.shardCount */
  readonly shards?: number;
  /** Resume after this id (a printed checkpoint). @default - from the oldest entry */
  readonly startAfter?: string;
}

/** What happened to one entry of the single-partition layout. */
export interface MigratedEntry {
  readonly id: string;
  /** `moved`: written in the sharded layout now; `kept`: it was there already (an earlier, interrupted run). */
  readonly outcome: 'moved' | 'kept';
}

/**
 * Moves every entry of the single-partition layout (`files`, with trash pointers in `trash`) into the sharded one,
 * oldest first: the entry and its copies in one conditional transaction that never overwrites, then the old item
 * and its pointer go. Idempotent, and resumable from any printed id.
 */
export async function* migrateCatalog(props: MigrateCatalogProps): AsyncIterable<MigratedEntry> {
  const shards = props.shards ?? S.shardCount;
  let startKey: Record<string, unknown> | undefined = props.startAfter
    ? { [S.partitionKey]: S.legacyCollection, [S.sortKey]: props.startAfter }
    : undefined;
  do {
    const page = await callBackend('DynamoDB', () =>
      props.dynamodb.send(
        new QueryCommand({
          TableName: props.table,
          ConsistentRead: true,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': S.partitionKey },
          ExpressionAttributeValues: { ':pk': S.legacyCollection },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    for (const item of page.Items ?? []) yield await moveEntry(props, entryFromItem(item), shards);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

async function moveEntry(props: MigrateCatalogProps, entry: CatalogEntry, shards: number): Promise<MigratedEntry> {
  const moved = await transactWrite(props.dynamodb, props.table, [
    {
      Put: {
        Item: newLayoutItem(entry, shards),
        // An entry already in the sharded layout is the truth (an earlier run wrote it; an instance changed it since).
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': S.partitionKey },
      },
    },
    ...copiesOf(entry, shards).map((Item): CatalogTransactItem => ({ Put: { Item } })),
  ]);
  // Only once the sharded entry exists does the old one go, so a crash at any point loses nothing.
  const legacyKeys = [
    { [S.partitionKey]: S.legacyCollection, [S.sortKey]: entry.id },
    ...(entry.state === 'TRASHED'
      ? [{ [S.partitionKey]: S.legacyTrashCollection, [S.sortKey]: `${trashOwnerKey(entry.ownerId)}#${entry.id}` }]
      : []),
  ];
  for (const Key of legacyKeys) {
    await callBackend('DynamoDB', () => props.dynamodb.send(new DeleteCommand({ TableName: props.table, Key })));
  }
  return { id: entry.id, outcome: moved ? 'moved' : 'kept' };
}

// The entry as the sharded layout keeps it, in the sweeper's index when PENDING, DELETING or TRASHED.
function newLayoutItem(entry: CatalogEntry, shards: number): Record<string, unknown> {
  const item = itemFromEntry(entry, shards);
  if (entry.state !== 'PENDING' && entry.state !== 'DELETING') return item;
  return {
    ...item,
    ...(entry.session && { session: entry.session }),
    [S.staleIndexPartitionKey]: limboPartition(S.limboValue, entry.id, shards),
  };
}

function copiesOf(entry: CatalogEntry, shards: number): Record<string, unknown>[] {
  if (entry.state === 'READY') return [listedItem(toListedFile(entry), shards)];
  return entry.state === 'TRASHED' ? trashItems(entry, shards) : [];
}
