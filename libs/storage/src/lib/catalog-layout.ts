import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { callBackend } from './backend-errors';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/**
 * Where a table's entries live now: the shard count, the listing's replica groups, what a migration is still leaving,
 * and the old single partition.
 */
export interface CatalogLayout {
  /** The shard count new and moved entries go to. */
  readonly shards: number;
  /** While `migrate-catalog --shards` runs: the shard count entries are moved from (read too until it ends). */
  readonly fromShards?: number;
  /**
   * How many replica groups new and moved listed copies go to; 0: in the entry's own shard (`ready#<id>`), as tables
   * made before the groups keep them until migrate-catalog moves them.
   */
  readonly replicas: number;
  /** While `migrate-catalog --replicas` runs: the replica count copies are moved from (read too until it ends). */
  readonly fromReplicas?: number;
  /**
   * While a move is being announced: writes still go to the layout being left (`fromShards`, `fromReplicas`) until
   * every instance reads both, so no instance misses another's write.
   */
  readonly writesOld?: boolean;
  /** Whether the single-partition layout may still hold entries (read too until migrate-catalog drains it). */
  readonly legacy: boolean;
}

/** How long an instance trusts the layout it read. */
export const LAYOUT_REFRESH_MS = 10_000;

/**
 * How long migrate-catalog waits after each step of announcing a move: every instance has read the marker again, and
 * a request that read it just before has finished.
 */
export const LAYOUT_ANNOUNCE_MS = LAYOUT_REFRESH_MS + 5_000;

const MARKER_KEY = {
  [S.partitionKey]: S.layoutCollection,
  [S.sortKey]: S.layoutSortKey,
};

/** How many shard partitions a read must cover: the union of both layouts while shards are being moved. */
export function readShardCount(layout: CatalogLayout): number {
  return Math.max(layout.shards, layout.fromShards ?? 0);
}

/** The replica counts whose copies a listing must read: the current one, and while moving, the one being left. */
export function readReplicaCounts(layout: CatalogLayout): number[] {
  const from = layout.fromReplicas;
  return from === undefined || from === layout.replicas ? [layout.replicas] : [layout.replicas, from];
}

/** Whether a migration is moving anything: shards, replica groups, or the old single partition. */
export function isMoving(layout: CatalogLayout): boolean {
  return layout.fromShards !== undefined || layout.fromReplicas !== undefined || layout.legacy;
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
  const fromReplicas = item['fromReplicas'];
  return {
    shards,
    ...(typeof from === 'number' && { fromShards: from }),
    // A marker without it was written before the replica groups: the listed copies are in their entries' shards.
    replicas: typeof item['replicas'] === 'number' ? item['replicas'] : 0,
    ...(typeof fromReplicas === 'number' && { fromReplicas }),
    ...(item['writesOld'] === true && { writesOld: true }),
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
        UpdateExpression: layoutUpdate(layout),
        ExpressionAttributeValues: {
          ':shards': layout.shards,
          ':replicas': layout.replicas,
          ':drained': !layout.legacy,
          ...(layout.fromShards !== undefined && { ':from': layout.fromShards }),
          ...(layout.fromReplicas !== undefined && { ':fromReplicas': layout.fromReplicas }),
          ...(layout.writesOld && { ':writesOld': true }),
        },
      }),
    ),
  );
}

function layoutUpdate(layout: CatalogLayout): string {
  const set = ['shards = :shards', 'replicas = :replicas', 'legacyDrained = :drained'];
  const remove: string[] = [];
  if (layout.fromShards === undefined) remove.push('fromShards');
  else set.push('fromShards = :from');
  if (layout.fromReplicas === undefined) remove.push('fromReplicas');
  else set.push('fromReplicas = :fromReplicas');
  if (layout.writesOld) set.push('writesOld = :writesOld');
  else remove.push('writesOld');
  return `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`;
}

/** Marks a table just created as holding no single-partition entries (it never had any); never overwrites. */
export async function markNewTable(db: DynamoDBDocumentClient, table: string): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { ...MARKER_KEY, legacyDrained: true, replicas: S.listingReplicas },
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
