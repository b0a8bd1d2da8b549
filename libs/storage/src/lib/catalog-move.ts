import { DeleteCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CatalogEntry, ConflictError, toListedFile } from '@ha-uploads/files';
import { callBackend } from './backend-errors';
import type { CatalogLayout } from './catalog-layout';
import {
  type CatalogItem,
  type ShardPlacement,
  entryFromItem,
  itemFromEntry,
  itemKey,
  limboPartition,
  listedItems,
  listedKeys,
  placementOfItem,
  shardOf,
  trashItems,
  trashKeys,
  trashOwnerKey,
} from './catalog-item';
import { type CatalogTransactItem, type WriteCondition, transactWrite } from './catalog-writes';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** Where an entry's items live: a shard layout, or the single partition of the layout before sharding. */
export type Placement = ShardPlacement | 'legacy';

/** What moving one entry did: `moved` now, or `kept` (already in place, or gone meanwhile). */
export type MoveOutcome = 'moved' | 'kept';

type Key = Record<string, unknown>;

/** The key of the entry with this id in a layout of `place` shards, or in the single partition (`legacy`). */
export function entryKeyAt(id: string, place: number | 'legacy'): Key {
  if (place === 'legacy') return { [S.partitionKey]: S.legacyCollection, [S.sortKey]: id };
  return itemKey(id, place);
}

/** The key of the entry with this id in a placement. */
export function entryKeyIn(id: string, placement: Placement): Key {
  return entryKeyAt(id, placement === 'legacy' ? placement : placement.shards);
}

/** The keys of an entry and of every copy its state has (listed, trash, or the old layout's trash pointer). */
export function keysIn(entry: CatalogEntry, placement: Placement): Key[] {
  const own = entryKeyIn(entry.id, placement);
  if (placement === 'legacy') {
    if (entry.state !== 'TRASHED') return [own];
    const pointer = `${trashOwnerKey(entry.ownerId)}#${entry.id}`;
    return [own, { [S.partitionKey]: S.legacyTrashCollection, [S.sortKey]: pointer }];
  }
  if (entry.state === 'READY') return [own, ...listedKeys(entry.id, placement)];
  return entry.state === 'TRASHED' ? [own, ...trashKeys(entry, placement.shards)] : [own];
}

/** The entry's items in a shard layout: the entry (in the sweeper's index unless READY) and its copies. */
export function itemsIn(entry: CatalogEntry, at: ShardPlacement): CatalogItem[] {
  const item = itemFromEntry(entry, at);
  if (entry.state === 'READY') return [item, ...listedItems(toListedFile(entry), at)];
  if (entry.state === 'TRASHED') return [item, ...trashItems(entry, at.shards)];
  const limbo = limboPartition(S.limboValue, entry.id, at.shards);
  return [
    {
      ...item,
      ...(entry.session && { session: entry.session }),
      [S.staleIndexPartitionKey]: limbo,
    },
  ];
}

/** Whether an entry's own item sits at another key in `from` than in a layout of `toShards` shards. */
export function entryMovesBetween(id: string, from: Placement, toShards: number): boolean {
  return from === 'legacy' || shardOf(id, from.shards) !== shardOf(id, toShards);
}

/** Whether any of an entry's items sit at other keys in `from` than in `to` (its own, or a READY one's copies). */
export function movesBetween(entry: CatalogEntry, from: Placement, to: ShardPlacement): boolean {
  if (entryMovesBetween(entry.id, from, to.shards)) return true;
  return entry.state === 'READY' && from !== 'legacy' && from.replicas !== to.replicas;
}

/**
 * Moves one entry, as read from `from`, into the `to` layout: its new items and the deletion of its old ones in one
 * transaction, conditional on the old entry being unchanged and the new one absent, so at any moment an entry is in
 * exactly one place. A change that raced it is read again; an entry already moved is kept.
 */
export async function moveEntry(
  db: DynamoDBDocumentClient,
  table: string,
  seen: CatalogEntry,
  route: { readonly from: Placement; readonly to: ShardPlacement },
): Promise<MoveOutcome> {
  if (!movesBetween(seen, route.from, route.to)) return 'kept';
  // Only the listed copies move (the entry stays at its key): rewritten in place, unless changed meanwhile.
  if (route.from !== 'legacy' && !entryMovesBetween(seen.id, route.from, route.to.shards))
    return moveCopies(db, table, seen, { from: route.from, to: route.to });
  let entry = seen;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await transactWrite(db, table, moveItems(entry, route.from, route.to))) return 'moved';
    const [there, here] = await Promise.all([
      getItem(db, table, itemKey(entry.id, route.to.shards)),
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

// A READY entry's copies from one replica count to another, and the entry's record of where they are: one
// transaction, conditional on the entry being as read (state, updatedAt, scan verdict, where its copies are); a change
// that raced it (an instance that moved it first to change it) is read again and moved as it is now.
async function moveCopies(
  db: DynamoDBDocumentClient,
  table: string,
  seen: CatalogEntry,
  route: { readonly from: ShardPlacement; readonly to: ShardPlacement },
): Promise<MoveOutcome> {
  let entry = seen;
  let from = route.from;
  for (let attempt = 0; attempt < 5; attempt++) {
    const copies = listedItems(toListedFile(entry), route.to);
    // A group both counts have (0 and 1 of a move from 2 to 3) keeps its copy: rewritten, not deleted.
    const kept = new Set(copies.map(keyString));
    const written = await transactWrite(db, table, [
      recordPlacement(entry, from.replicas, route.to),
      ...copies.map((Item): CatalogTransactItem => ({ Put: { Item } })),
      ...listedKeys(entry.id, from)
        .filter((Key) => !kept.has(keyString(Key)))
        .map((Key): CatalogTransactItem => ({ Delete: { Key } })),
    ]);
    if (written) return 'moved';
    const now = await getItem(db, table, itemKey(entry.id, route.to.shards));
    if (!now) return 'kept';
    entry = entryFromItem(now);
    from = placementOfItem(now, route.to.shards);
    if (!movesBetween(entry, from, route.to)) return 'kept';
  }
  throw new ConflictError(`File ${seen.id} kept changing while it was being moved; try again.`, 'FILE_BUSY');
}

// The entry's record that its copies are in `to`, if it is still as read with its copies in `fromReplicas` groups.
function recordPlacement(entry: CatalogEntry, fromReplicas: number, to: ShardPlacement): CatalogTransactItem {
  const unchanged = unchangedCondition(entry);
  const placed = fromReplicas === 0 ? '(attribute_not_exists(#listedIn) OR #listedIn = :from)' : '#listedIn = :from';
  const scan = entry.scan === undefined ? 'attribute_not_exists(#scan)' : '#scan = :scan';
  return {
    Update: {
      Key: itemKey(entry.id, to.shards),
      UpdateExpression: 'SET #listedIn = :to',
      ConditionExpression: `${unchanged.ConditionExpression} AND ${placed} AND ${scan}`,
      ExpressionAttributeNames: {
        ...unchanged.ExpressionAttributeNames,
        '#listedIn': S.listedInAttribute,
        '#scan': 'scan',
      },
      ExpressionAttributeValues: {
        ...unchanged.ExpressionAttributeValues,
        ':from': fromReplicas,
        ':to': to.replicas,
        ...(entry.scan !== undefined && { ':scan': entry.scan }),
      },
    },
  };
}

const keyString = (item: Key) => `${String(item[S.partitionKey])}\n${String(item[S.sortKey])}`;

// The condition that an entry is still in the state and at the updatedAt it was read with.
function unchangedCondition(entry: CatalogEntry): Required<WriteCondition> {
  return {
    ConditionExpression: `#state = :state AND ${entry.updatedAt ? '#updatedAt = :seenAt' : 'attribute_not_exists(#updatedAt)'}`,
    ExpressionAttributeNames: { '#state': 'state', '#updatedAt': S.staleIndexSortKey },
    ExpressionAttributeValues: { ':state': entry.state, ...(entry.updatedAt && { ':seenAt': entry.updatedAt }) },
  };
}

function moveItems(entry: CatalogEntry, from: Placement, to: ShardPlacement): CatalogTransactItem[] {
  const [own, ...copies] = itemsIn(entry, to);
  const [oldOwn, ...oldCopies] = keysIn(entry, from);
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
      Delete: { Key: oldOwn, ...unchangedCondition(entry) },
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

/**
 * Where an entry's own item may be under this layout, the current shard count first: during a migration, where it
 * was before too (`legacy`, or the shard count being left).
 */
export function entryPlacesOf(id: string, layout: CatalogLayout): (number | 'legacy')[] {
  const { shards, fromShards } = layout;
  return [
    shards,
    ...(fromShards !== undefined && shardOf(id, fromShards) !== shardOf(id, shards) ? [fromShards] : []),
    ...(layout.legacy ? (['legacy'] as const) : []),
  ];
}

/** The placement new and moved entries go to under this layout (while a move is announced, the one being left). */
export function targetOf(layout: CatalogLayout): ShardPlacement {
  if (layout.writesOld)
    return { shards: layout.fromShards ?? layout.shards, replicas: layout.fromReplicas ?? layout.replicas };
  return { shards: layout.shards, replicas: layout.replicas };
}
