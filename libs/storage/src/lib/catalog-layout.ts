import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { callBackend } from './backend-errors';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** Where a table's entries live now: the shard count, a shard count still being left, and the old single partition. */
export interface CatalogLayout {
  /** The shard count new and moved entries go to. */
  readonly shards: number;
  /** While `migrate-catalog --shards` runs: the shard count entries are moved from (read too until it ends). */
  readonly fromShards?: number;
  /** Whether the single-partition layout may still hold entries (read too until migrate-catalog drains it). */
  readonly legacy: boolean;
}

/** How long an instance trusts the layout it read; migrate-catalog waits this long after announcing a change. */
export const LAYOUT_REFRESH_MS = 10_000;

const MARKER_KEY = {
  [S.partitionKey]: S.layoutCollection,
  [S.sortKey]: S.layoutSortKey,
};

/** How many shard partitions a read must cover: the union of both layouts while shards are being moved. */
export function readShardCount(layout: CatalogLayout): number {
  return Math.max(layout.shards, layout.fromShards ?? 0);
}

/**
 * The table's layout marker. A table with none was made by a version before the marker: its old single partition may
 * hold entries, and its shard count is `defaultShards`.
 */
export async function readLayout(
  db: DynamoDBDocumentClient,
  table: string,
  defaultShards: number,
): Promise<CatalogLayout> {
  const out = await callBackend('DynamoDB', () =>
    db.send(
      new GetCommand({
        TableName: table,
        Key: MARKER_KEY,
        ConsistentRead: true,
      }),
    ),
  );
  const item = out.Item ?? {};
  const shards = typeof item['shards'] === 'number' ? item['shards'] : defaultShards;
  const from = item['fromShards'];
  return {
    shards,
    ...(typeof from === 'number' && { fromShards: from }),
    legacy: item['legacyDrained'] !== true,
  };
}

/** Records the layout for every instance to read (they see it within LAYOUT_REFRESH_MS). */
export async function writeLayout(db: DynamoDBDocumentClient, table: string, layout: CatalogLayout): Promise<void> {
  await callBackend('DynamoDB', () =>
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: MARKER_KEY,
        UpdateExpression: `SET shards = :shards, legacyDrained = :drained${
          layout.fromShards === undefined ? ' REMOVE fromShards' : ', fromShards = :from'
        }`,
        ExpressionAttributeValues: {
          ':shards': layout.shards,
          ':drained': !layout.legacy,
          ...(layout.fromShards !== undefined && {
            ':from': layout.fromShards,
          }),
        },
      }),
    ),
  );
}

/** Marks a table just created as holding no single-partition entries (it never had any); never overwrites. */
export async function markNewTable(db: DynamoDBDocumentClient, table: string): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { ...MARKER_KEY, legacyDrained: true },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': S.partitionKey },
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}

/** One instance's copy of the layout, read again once it is `refreshMs` old. */
export class LayoutCache {
  private current?: {
    readonly at: number;
    readonly layout: Promise<CatalogLayout>;
  };

  constructor(
    private readonly read: () => Promise<CatalogLayout>,
    private readonly refreshMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The layout, read from the table when the copy is missing or old. */
  get(): Promise<CatalogLayout> {
    const now = this.clock();
    if (!this.current || now - this.current.at >= this.refreshMs) {
      const layout = this.read();
      this.current = { at: now, layout };
      // A failed read is not kept: the next call asks again.
      layout.catch(() => this.current?.layout === layout && (this.current = undefined));
    }
    return this.current.layout;
  }

  /** Reads the layout from the table now. */
  refresh(): Promise<CatalogLayout> {
    this.current = undefined;
    return this.get();
  }
}
