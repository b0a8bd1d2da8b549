import { DeleteCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CatalogEntry, ConflictError, toListedFile } from '@ha-uploads/files';
import { callBackend } from './backend-errors';
import type { CatalogLayout } from './catalog-layout';
import {
  type CatalogItem,
  entryFromItem,
  itemFromEntry,
  itemKey,
  limboPartition,
  listedItem,
  listedKey,
  shardOf,
  trashItems,
  trashKeys,
  trashOwnerKey,
} from './catalog-item';
import { type CatalogTransactItem, transactWrite } from './catalog-writes';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** Where an entry's items live: a shard count's partitions, or the single partition of the layout before sharding. */
export type Placement = number | 'legacy';

/** What moving one entry did: `moved` now, or `kept` (already in place, or gone meanwhile). */
export type MoveOutcome = 'moved' | 'kept';

type Key = Record<string, unknown>;

/** The key of the entry with this id in a placement. */
export function entryKeyIn(id: string, placement: Placement): Key {
  if (placement === 'legacy') return { [S.partitionKey]: S.legacyCollection, [S.sortKey]: id };
  return itemKey(id, placement);
}

/** The keys of an entry and of every copy its state has (listed, trash, or the old layout's trash pointer). */
export function keysIn(entry: CatalogEntry, placement: Placement): Key[] {
  const own = entryKeyIn(entry.id, placement);
  if (placement === 'legacy') {
    if (entry.state !== 'TRASHED') return [own];
    const pointer = `${trashOwnerKey(entry.ownerId)}#${entry.id}`;
    return [own, { [S.partitionKey]: S.legacyTrashCollection, [S.sortKey]: pointer }];
  }
  if (entry.state === 'READY') return [own, listedKey(entry.id, placement)];
  return entry.state === 'TRASHED' ? [own, ...trashKeys(entry, placement)] : [own];
}

/** The entry's items in a shard layout: the entry (in the sweeper's index unless READY) and its copies. */
export function itemsIn(entry: CatalogEntry, shards: number): CatalogItem[] {
  const item = itemFromEntry(entry, shards);
  if (entry.state === 'READY') return [item, listedItem(toListedFile(entry), shards)];
  if (entry.state === 'TRASHED') return [item, ...trashItems(entry, shards)];
  const limbo = limboPartition(S.limboValue, entry.id, shards);
  return [
    {
      ...item,
      ...(entry.session && { session: entry.session }),
      [S.staleIndexPartitionKey]: limbo,
    },
  ];
}

/** Whether an entry's items sit at other keys in `from` than in `to` (a shard move leaves some entries in place). */
export function movesBetween(id: string, from: Placement, to: number): boolean {
  return from === 'legacy' || shardOf(id, from) !== shardOf(id, to);
}

/**
 * Moves one entry, as read from `from`, into the `to` shard layout: its new items and the deletion of its old ones
 * in one transaction, conditional on the old entry being unchanged and the new one absent, so at any moment an entry
 * is in exactly one place. A change that raced it is read again; an entry already moved is kept.
 */
export async function moveEntry(
  db: DynamoDBDocumentClient,
  table: string,
  seen: CatalogEntry,
  route: { readonly from: Placement; readonly to: number },
): Promise<MoveOutcome> {
  if (!movesBetween(seen.id, route.from, route.to)) return 'kept';
  let entry = seen;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await transactWrite(db, table, moveItems(entry, route.from, route.to))) return 'moved';
    const [there, here] = await Promise.all([
      getItem(db, table, itemKey(entry.id, route.to)),
      getItem(db, table, entryKeyIn(entry.id, route.from)),
    ]);
    const old = here && entryFromItem(here);
    // Already in the new layout (an earlier run stopped before deleting): that entry is the truth; the old goes.
    if (there && old) await deleteKeys(db, table, keysIn(old, route.from));
    if (there || !old) return 'kept';
    entry = old;
  }
  throw new ConflictError(`File ${seen.id} kept changing while it was being moved; try again.`, 'FILE_BUSY');
}

function moveItems(entry: CatalogEntry, from: Placement, to: number): CatalogTransactItem[] {
  const [own, ...copies] = itemsIn(entry, to);
  const [oldOwn, ...oldCopies] = keysIn(entry, from);
  const unchanged = entry.updatedAt ? '#updatedAt = :seenAt' : 'attribute_not_exists(#updatedAt)';
  return [
    {
      Put: {
        Item: own,
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': S.partitionKey },
      },
    },
    ...copies.map((Item): CatalogTransactItem => ({ Put: { Item } })),
    {
      Delete: {
        Key: oldOwn,
        ConditionExpression: `#state = :state AND ${unchanged}`,
        ExpressionAttributeNames: {
          '#state': 'state',
          '#updatedAt': S.staleIndexSortKey,
        },
        ExpressionAttributeValues: {
          ':state': entry.state,
          ...(entry.updatedAt && { ':seenAt': entry.updatedAt }),
        },
      },
    },
    ...oldCopies.map((Key): CatalogTransactItem => ({ Delete: { Key } })),
  ];
}

async function getItem(db: DynamoDBDocumentClient, table: string, Key: Key): Promise<CatalogItem | undefined> {
  const out = await callBackend('DynamoDB', () =>
    db.send(new GetCommand({ TableName: table, Key, ConsistentRead: true })),
  );
  return out.Item;
}

async function deleteKeys(db: DynamoDBDocumentClient, table: string, keys: readonly Key[]): Promise<void> {
  for (const Key of keys) await callBackend('DynamoDB', () => db.send(new DeleteCommand({ TableName: table, Key })));
}

/** Where an entry may be under this layout, the current place first: during a migration, where it was before too. */
export function placementsOf(id: string, layout: CatalogLayout): Placement[] {
  const { shards, fromShards } = layout;
  return [
    shards,
    ...(fromShards !== undefined && movesBetween(id, fromShards, shards) ? [fromShards] : []),
    ...(layout.legacy ? (['legacy'] as const) : []),
  ];
}
