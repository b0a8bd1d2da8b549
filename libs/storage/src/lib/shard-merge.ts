import { QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { callBackend } from "./backend-errors";
import { type CatalogItem, shardPartition } from "./catalog-item";
import { FILES_TABLE_SCHEMA as S } from "./files-table";

/** One newest-first read of a sort-key range over every shard. */
export interface ShardRangeRead {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  readonly shards: number;
  /** The sort-key prefix of the range (`ready#`, `trash#`, `owner-trash#<owner>#`). */
  readonly prefix: string;
  /** Only sort keys strictly below this one (a cursor), when given; it starts with `prefix`. */
  readonly below?: string;
  /** How many items the merged answer holds at most. */
  readonly wanted: number;
  /** Attributes to read (all when omitted). */
  readonly projection?: readonly string[];
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

interface ShardBuffer {
  items: CatalogItem[];
  next?: Record<string, unknown>;
  started: boolean;
}

/**
 * The range's items over all shards, newest (highest sort key) first, up to `wanted`: one strongly consistent query
 * per shard in parallel, k-way merged; a shard whose share ran out before the merge did is read again.
 */
export async function readShardsNewestFirst(read: ShardRangeRead): Promise<CatalogItem[]> {
  const limit = perShardLimit(read.wanted, read.shards);
  const buffers: ShardBuffer[] = Array.from({ length: read.shards }, () => ({ items: [], started: false }));
  const merged: CatalogItem[] = [];
  while (merged.length < read.wanted) {
    // A shard with nothing buffered but more to read could hold the next item: read it before choosing.
    const starved = buffers
      .map((b, n) => [b, n] as const)
      .filter(([b]) => b.items.length === 0 && (!b.started || b.next));
    await Promise.all(starved.map(([buffer, n]) => fill(read, buffer, n, limit)));
    let best: ShardBuffer | undefined;
    for (const b of buffers)
      if (b.items.length > 0 && (!best || sortKey(b.items[0]) > sortKey(best.items[0]))) best = b;
    if (!best) break;
    merged.push(best.items.shift() as CatalogItem);
  }
  return merged;
}

const sortKey = (item: CatalogItem) => item[S.sortKey] as string;

async function fill(read: ShardRangeRead, buffer: ShardBuffer, shard: number, limit: number): Promise<void> {
  const names: Record<string, string> = { "#pk": S.partitionKey, "#sk": S.sortKey };
  read.projection?.forEach((name, i) => (names[`#a${i}`] = name));
  const out = await callBackend("DynamoDB", () =>
    read.db.send(
      new QueryCommand({
        TableName: read.table,
        // Strongly consistent: a write acknowledged by any instance is read by every other at once.
        ConsistentRead: true,
        ScanIndexForward: false,
        KeyConditionExpression: read.below
          ? "#pk = :pk AND #sk BETWEEN :lo AND :hi"
          : "#pk = :pk AND begins_with(#sk, :lo)",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ":pk": shardPartition(shard),
          ":lo": read.prefix,
          ...(read.below && { ":hi": read.below }),
        },
        ...(read.projection && {
          ProjectionExpression: [S.sortKey, ...read.projection]
            .map((_, i) => (i === 0 ? "#sk" : `#a${i - 1}`))
            .join(", "),
        }),
        // BETWEEN is inclusive: one more item in case the cursor's own key is read (it is dropped below).
        Limit: limit + (read.below && !buffer.started ? 1 : 0),
        ExclusiveStartKey: buffer.next,
      })
    )
  );
  buffer.started = true;
  buffer.items.push(...(out.Items ?? []).filter((item) => sortKey(item) !== read.below));
  buffer.next = out.LastEvaluatedKey;
}
