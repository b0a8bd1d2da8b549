import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { callBackend } from './backend-errors';
import { type CatalogItem, shardPartition } from './catalog-item';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** One partition's part of a range: its key, the range's sort-key prefix there, and a filter on its items. */
export interface RangeSource {
  readonly partition: string;
  /**
   * The sort-key prefix of the range (`trash#`, `owner-trash#<owner>#`, `ready#` before the replica groups); empty
   * when the range is the whole partition (a listing group's, or the old layout's).
   */
  readonly prefix: string;
  /** Only items whose `state` is this one (the old layout keeps every state in one range). */
  readonly state?: string;
}

/** One newest-first read of a range over several partitions. */
export interface ShardRangeRead {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  readonly sources: readonly RangeSource[];
  /** Only items whose sort key, less its source's prefix, is strictly below this one (a cursor), when given. */
  readonly below?: string;
  /** How many items the merged answer holds at most. */
  readonly wanted: number;
  /** Over how many partitions the range's items spread (a layout's share of the page per source). */
  readonly spread: number;
  /** Attributes to read (all when omitted). */
  readonly projection?: readonly string[];
}

/** The sources of a sort-key range over shards 0..shards-1. */
export function shardSources(shards: number, prefix: string): RangeSource[] {
  return Array.from({ length: shards }, (_, n) => ({ partition: shardPartition(n), prefix }));
}

/**
 * Items a shard reads in its first query: its fair share of the page plus a margin of about three standard
 * deviations of a binomial share, so a second round trip is rare; never more than the page.
 */
export function perShardLimit(wanted: number, shards: number): number {
  if (shards === 1) return wanted;
  const share = wanted / shards;
  return Math.min(wanted, Math.ceil(share + 3 * Math.sqrt(share)) + 1);
}

interface SourceBuffer {
  readonly source: RangeSource;
  items: CatalogItem[];
  next?: Record<string, unknown>;
  started: boolean;
}

/**
 * The range's items over all sources, newest (highest sort key past the prefix) first, up to `wanted`, each once:
 * one strongly consistent query per source in parallel, k-way merged; a source whose share ran out before the merge
 * did is read again.
 */
export async function readShardsNewestFirst(read: ShardRangeRead): Promise<CatalogItem[]> {
  const limit = perShardLimit(read.wanted, read.spread);
  const buffers: SourceBuffer[] = read.sources.map((source) => ({ source, items: [], started: false }));
  const merged: CatalogItem[] = [];
  let last: string | undefined;
  while (merged.length < read.wanted) {
    // A source with nothing buffered but more to read could hold the next item: read it before choosing.
    const starved = buffers.filter((b) => b.items.length === 0 && (!b.started || b.next));
    await Promise.all(starved.map((buffer) => fill(read, buffer, buffer.source.state ? read.wanted : limit)));
    let best: SourceBuffer | undefined;
    for (const b of buffers)
      if (b.items.length > 0 && (!best || orderKey(b, b.items[0]) > orderKey(best, best.items[0]))) best = b;
    if (!best) break;
    const key = orderKey(best, best.items[0]);
    const item = best.items.shift() as CatalogItem;
    // The same entry in two places (an old layout's leftover during a migration) is listed once.
    if (key !== last) merged.push(item);
    last = key;
  }
  return merged;
}

const orderKey = (buffer: SourceBuffer, item: CatalogItem) =>
  (item[S.sortKey] as string).slice(buffer.source.prefix.length);

async function fill(read: ShardRangeRead, buffer: SourceBuffer, limit: number): Promise<void> {
  const { source } = buffer;
  const below = read.below === undefined ? undefined : `${source.prefix}${read.below}`;
  const names: Record<string, string> = { '#pk': S.partitionKey, '#sk': S.sortKey };
  read.projection?.forEach((name, i) => (names[`#a${i}`] = name));
  if (source.state) names['#state'] = 'state';
  const range = source.prefix
    ? below
      ? ' AND #sk BETWEEN :lo AND :hi'
      : ' AND begins_with(#sk, :lo)'
    : below
      ? ' AND #sk < :hi'
      : '';
  const out = await callBackend('DynamoDB', () =>
    read.db.send(
      new QueryCommand({
        TableName: read.table,
        // Strongly consistent: a write acknowledged by any instance is read by every other at once.
        ConsistentRead: true,
        ScanIndexForward: false,
        KeyConditionExpression: `#pk = :pk${range}`,
        ...(source.state && { FilterExpression: '#state = :state' }),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ':pk': source.partition,
          ...(source.prefix && { ':lo': source.prefix }),
          ...(below && { ':hi': below }),
          ...(source.state && { ':state': source.state }),
        },
        ...(read.projection && {
          ProjectionExpression: [S.sortKey, ...read.projection]
            .map((_, i) => (i === 0 ? '#sk' : `#a${i - 1}`))
            .join(', '),
        }),
        // BETWEEN is inclusive: one more item in case the cursor's own key is read (it is dropped below).
        Limit: limit + (below && source.prefix && !buffer.started ? 1 : 0),
        ExclusiveStartKey: buffer.next,
      }),
    ),
  );
  buffer.started = true;
  buffer.items.push(...(out.Items ?? []).filter((item) => item[S.sortKey] !== below));
  buffer.next = out.LastEvaluatedKey;
}
