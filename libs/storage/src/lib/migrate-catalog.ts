import { setTimeout as delay } from 'node:timers/promises';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { callBackend } from './backend-errors';
import { type ShardPlacement, entryFromItem, placementOfItem, shardPartition } from './catalog-item';
import { type CatalogLayout, LAYOUT_ANNOUNCE_MS, readLayout, writeLayout } from './catalog-layout';
import { type MoveOutcome, moveEntry, targetOf } from './catalog-move';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** Settings of migrateCatalog. */
export interface MigrateCatalogProps {
  readonly dynamodb: DynamoDBDocumentClient;
  readonly table: string;
  /** The shard count to move to. @default - the table's current one */
  readonly shards?: number;
  /**
   * How many replica groups the listed copies go to.
   * @default - the table's current count, or FILES_TABLE_SCHEMA.listingReplicas for a table made before the groups
   */
  readonly replicas?: number;
  /** The shard count of a table whose layout marker names none. @default FILES_TABLE_SCHEMA.shardCount */
  readonly defaultShards?: number;
  /** Resume the old single partition's move after this id (a printed checkpoint). @default - from the oldest entry */
  readonly startAfter?: string;
  /**
   * How long each of a move's two announcements (read both layouts; then write the new one) stands before the next
   * step, so every instance has read it.
   * @default LAYOUT_ANNOUNCE_MS (the instances' refresh period and a margin)
   */
  readonly announceMs?: number;
}

/** What happened to one entry. */
export interface MigratedEntry {
  readonly id: string;
  /** `moved`: written in the new layout now; `kept`: it was in place already (or a change moved it first). */
  readonly outcome: MoveOutcome;
}

/** How many passes over the old partition may still find entries (an old instance still writing) before giving up. */
const LEGACY_PASSES = 3;

/**
 * Moves the catalog into the layout of `shards` shards and `replicas` listing groups: every entry of the
 * single-partition layout (`files`, trash pointers in `trash`), every entry whose shard changes with the count, and
 * every READY entry's listed copies whose groups change. Each entry moves in one conditional transaction.
 * Idempotent, resumable by running it again, and safe while the fleet serves (the fleet reads both layouts until
 * the layout marker says the move has ended).
 */
export async function* migrateCatalog(props: MigrateCatalogProps): AsyncIterable<MigratedEntry> {
  const layout = await startMove(props);
  const target = targetOf(layout);
  if (layout.legacy) {
    for (let pass = 0; await legacyHoldsEntries(props); pass++) {
      if (pass === LEGACY_PASSES) throw new Error('the old partition keeps filling: is an old version still serving?');
      const startAfter = pass === 0 ? props.startAfter : undefined;
      yield* moveRange(props, { partition: S.legacyCollection, startAfter }, 'legacy', target);
    }
  }
  if (layout.fromShards !== undefined || layout.fromReplicas !== undefined) {
    const from = layout.fromShards ?? layout.shards;
    for (let shard = 0; shard < from; shard++)
      yield* moveRange(props, { partition: shardPartition(shard) }, from, target);
  }
  await writeLayout(props.dynamodb, props.table, { ...target, legacy: false });
}

// The layout to move into, announced (and waited on) when it starts a change of shard or replica count.
async function startMove(props: MigrateCatalogProps): Promise<CatalogLayout> {
  const now = await readLayout(props.dynamodb, props.table, props.defaultShards ?? S.shardCount);
  const shards = props.shards ?? now.shards;
  const replicas = props.replicas ?? (now.replicas || S.listingReplicas);
  wholeCount('shards', shards);
  wholeCount('replicas', replicas);
  const moving = now.fromShards !== undefined || now.fromReplicas !== undefined;
  if (moving && (shards !== now.shards || replicas !== now.replicas))
    throw new RangeError(
      `a move to ${now.shards} shards and ${now.replicas} replica groups is under way; finish it first, got ` +
        `${shards} shards and ${replicas} replica groups`,
    );
  if (moving && !now.writesOld) return now;
  if (!moving && shards === now.shards && replicas === now.replicas) return now;
  const { writesOld: _announcing, ...current } = now;
  const next: CatalogLayout = {
    ...current,
    shards,
    replicas,
    ...(shards !== now.shards && { fromShards: now.shards }),
    ...(replicas !== now.replicas && { fromReplicas: now.replicas }),
  };
  // First every instance reads both layouts while still writing the old one, then every instance writes the new
  // one: at no moment does an instance write where another does not read.
  if (!moving) await announce(props, { ...next, writesOld: true });
  await announce(props, next);
  return next;
}

async function announce(props: MigrateCatalogProps, layout: CatalogLayout): Promise<void> {
  await writeLayout(props.dynamodb, props.table, layout);
  await delay(props.announceMs ?? LAYOUT_ANNOUNCE_MS);
}

function wholeCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a whole number of at least 1, got ${value}`);
}

async function legacyHoldsEntries(props: MigrateCatalogProps): Promise<boolean> {
  const out = await callBackend('DynamoDB', () =>
    props.dynamodb.send(
      new QueryCommand({
        TableName: props.table,
        ConsistentRead: true,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': S.partitionKey },
        ExpressionAttributeValues: { ':pk': S.legacyCollection },
        Limit: 1,
      }),
    ),
  );
  return (out.Items ?? []).length > 0;
}

// Every entry of one partition, oldest first, moved from a layout of `from` shards (or the old single partition) into
// `to` (or reported kept).
async function* moveRange(
  props: MigrateCatalogProps,
  range: { readonly partition: string; readonly startAfter?: string },
  from: number | 'legacy',
  to: ShardPlacement,
): AsyncIterable<MigratedEntry> {
  let startKey: Record<string, unknown> | undefined = range.startAfter
    ? { [S.partitionKey]: range.partition, [S.sortKey]: range.startAfter }
    : undefined;
  do {
    const page = await callBackend('DynamoDB', () =>
      props.dynamodb.send(
        new QueryCommand({
          TableName: props.table,
          ConsistentRead: true,
          // Entries are keyed by their ULID id, which sorts below every copy's lowercase prefix (`trash#`, `ready#`).
          KeyConditionExpression: '#pk = :pk AND #sk < :copies',
          ExpressionAttributeNames: { '#pk': S.partitionKey, '#sk': S.sortKey },
          ExpressionAttributeValues: { ':pk': range.partition, ':copies': 'a' },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    for (const item of page.Items ?? []) {
      const entry = entryFromItem(item);
      const placement = from === 'legacy' ? from : placementOfItem(item, from);
      // An entry already where `to` keeps it is reported kept, without a write.
      const outcome = await moveEntry(props.dynamodb, props.table, entry, { from: placement, to });
      yield { id: entry.id, outcome };
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
