import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type CatalogEntry, type ListedFile, type TrashOwner } from '@ha-uploads/files';
import { callBackend } from './backend-errors';
import type { CatalogContext } from './catalog-context';
import { RECORD_ATTRIBUTES, entryFromItem, listedFromItem, listedPartition, trashPrefix } from './catalog-item';
import { type CatalogLayout, readReplicaCounts, readShardCount } from './catalog-layout';
import { FILES_TABLE_SCHEMA as S } from './files-table';
import { type RangeSource, readShardsNewestFirst, shardSources } from './shard-merge';

// The catalog's reads of many entries: the listing and the trash (strongly consistent), and the sweeper's index.

/** One page of the trash, newest delete first, for an owner or for everyone. */
export async function listTrash(
  ctx: CatalogContext,
  options: {
    owner: TrashOwner;
    limit: number;
    before?: { readonly deletedAt: string; readonly id: string };
  },
): Promise<CatalogEntry[]> {
  const prefix = trashPrefix(options.owner);
  const shards = readShardCount(await ctx.layouts.get());
  const items = await readShardsNewestFirst({
    db: ctx.db,
    table: ctx.table,
    sources: shardSources(shards, prefix),
    spread: shards,
    below: options.before && `${options.before.deletedAt}#${options.before.id}`,
    wanted: options.limit,
  });
  return items.map(entryFromItem);
}

/** TRASHED entries deleted before `olderThan`, for the expired-trash sweep. */
export async function* listExpiredTrash(ctx: CatalogContext, olderThan: Date): AsyncIterable<CatalogEntry> {
  yield* queryLimbo(ctx, S.trashLimboValue, olderThan);
}

/** One page of the listing, newest first, and whether another page exists. */
export async function listReady(
  ctx: CatalogContext,
  options: { limit: number; before?: string },
): Promise<{ records: ListedFile[]; hasMore: boolean }> {
  const layout = await ctx.layouts.get();
  const items = await readShardsNewestFirst({
    db: ctx.db,
    table: ctx.table,
    sources: listingSources(layout, ctx.nextTurn()),
    spread: readShardCount(layout),
    below: options.before,
    // One record past the page tells whether another page exists.
    wanted: options.limit + 1,
    projection: RECORD_ATTRIBUTES,
  });
  return {
    records: items.slice(0, options.limit).map(listedFromItem),
    hasMore: items.length > options.limit,
  };
}

/**
 * Where a page of the listing reads: every shard of one replica group, the groups taken in turn so each pays for a
 * share of the pages (or, before the groups, every shard's `ready#` range). While a migration moves the copies, both
 * layouts are read, and until migrate-catalog has drained it, the old single partition's READY entries too.
 */
function listingSources(layout: CatalogLayout, turn: number): RangeSource[] {
  const shards = readShardCount(layout);
  return [
    ...readReplicaCounts(layout).flatMap((replicas) =>
      replicas === 0
        ? shardSources(shards, S.inlineListedPrefix)
        : Array.from({ length: shards }, (_, n) => ({ partition: listedPartition(turn % replicas, n), prefix: '' })),
    ),
    ...(layout.legacy ? [{ partition: S.legacyCollection, prefix: '', state: 'READY' }] : []),
  ];
}

/** PENDING and DELETING entries last changed before `olderThan`, for the stale sweep. */
export async function* listStale(ctx: CatalogContext, olderThan: Date): AsyncIterable<CatalogEntry> {
  yield* queryLimbo(ctx, S.limboValue, olderThan);
}

// Entries of one kind of limbo in the sparse index, shard by shard, last changed before `olderThan` (eventually
// consistent).
async function* queryLimbo(ctx: CatalogContext, limbo: string, olderThan: Date): AsyncIterable<CatalogEntry> {
  const layout = await ctx.layouts.get();
  for (let shard = 0; shard < readShardCount(layout); shard++)
    yield* queryLimboShard(ctx, `${limbo}#${shard}`, olderThan);
  // The old single-partition layout kept one limbo and one trash partition in the index, without a shard.
  if (layout.legacy) yield* queryLimboShard(ctx, limbo, olderThan);
}

async function* queryLimboShard(ctx: CatalogContext, limbo: string, olderThan: Date): AsyncIterable<CatalogEntry> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await callBackend('DynamoDB', () =>
      ctx.db.send(
        new QueryCommand({
          TableName: ctx.table,
          IndexName: S.staleIndex,
          KeyConditionExpression: '#limbo = :limbo AND #updatedAt < :olderThan',
          ExpressionAttributeNames: {
            '#limbo': S.staleIndexPartitionKey,
            '#updatedAt': S.staleIndexSortKey,
          },
          ExpressionAttributeValues: {
            ':limbo': limbo,
            ':olderThan': olderThan.toISOString(),
          },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    for (const item of page.Items ?? []) yield entryFromItem(item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
