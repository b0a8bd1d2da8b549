import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type PRNG, ulid } from 'ulid';
import { type CatalogEntry, objectKeyFor } from '@ha-uploads/files';
import type { CatalogItem, ShardPlacement } from '../lib/catalog-item';
import { itemsIn } from '../lib/catalog-move';
import { DynamoDbFileCatalog } from '../lib/dynamodb-file-catalog';
import { FILES_TABLE_SCHEMA as S } from '../lib/files-table';

/** DynamoDB's BatchWriteItem limit. */
const BATCH_SIZE = 25;

/** A ULID factory whose randomness comes from `seed`, so a test's shard spread is the same on every run. */
export function seededIds(seed: number): (time: number) => string {
  let state = seed >>> 0 || 1;
  // xorshift32: enough to spread ids over the shards, and repeatable.
  const prng: PRNG = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  return (time) => ulid(time, prng);
}

/** A catalog entry as putPending + markReady (and, for TRASHED, markTrashed) leave it. */
export function seededEntry(id: string, index: number, at: Date, state: CatalogEntry['state'] = 'READY'): CatalogEntry {
  const iso = at.toISOString();
  return {
    id,
    name: `seed-${String(index).padStart(5, '0')}.bin`,
    contentType: 'application/octet-stream',
    uploadedAt: iso,
    uploadedBy: 'seed',
    ownerId: `owner-${index % 7}`,
    objectKey: objectKeyFor(id),
    size: 1024,
    sha256: randomBytes(32).toString('hex'),
    state,
    updatedAt: iso,
    ...(state === 'TRASHED' && { deletedAt: iso }),
  };
}

/**
 * Every item the catalog keeps for `entry` in that state: the entry and its listed or trash copies, in a layout of
 * the default shard and replica counts unless `at` names others (`replicas: 0`: as before the replica groups).
 */
export function itemsOf(entry: CatalogEntry, at: Partial<ShardPlacement> = {}): CatalogItem[] {
  return itemsIn(entry, { shards: at.shards ?? S.shardCount, replicas: at.replicas ?? S.listingReplicas });
}

const EVERY_STATE: CatalogEntry['state'][] = ['READY', 'READY', 'TRASHED', 'PENDING', 'READY', 'DELETING'];

/**
 * Seeds 36 entries in every state (half READY), a minute old and older, one second apart, with the items a layout of
 * `at` keeps for them; resolves to the entries.
 */
export async function seedEveryState(
  dynamodb: DynamoDBDocumentClient,
  table: string,
  seed: number,
  at: Partial<ShardPlacement>,
): Promise<CatalogEntry[]> {
  const id = seededIds(seed);
  const newest = Date.now() - 60_000;
  const entries = Array.from({ length: 36 }, (_, i) => {
    const when = new Date(newest - i * 1000);
    return seededEntry(id(when.getTime()), i, when, EVERY_STATE[i % EVERY_STATE.length]);
  });
  await seedItems(
    dynamodb,
    table,
    entries.flatMap((e) => itemsOf(e, at)),
  );
  return entries;
}

/** Writes items straight into the table with BatchWriteItem, `parallel` batches of 25 at a time. */
export async function seedItems(
  dynamodb: DynamoDBDocumentClient,
  table: string,
  items: readonly CatalogItem[],
  parallel = 8,
): Promise<void> {
  const batches: CatalogItem[][] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) batches.push(items.slice(i, i + BATCH_SIZE));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await writeBatch(dynamodb, table, batches[next++]);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

async function writeBatch(dynamodb: DynamoDBDocumentClient, table: string, batch: CatalogItem[]): Promise<void> {
  let requests = batch.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt > 10) throw new Error(`seeding gave up with ${requests.length} unprocessed items`);
    const out = await dynamodb.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
    requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
  }
}

/** Writes the PENDING entry an upload that crashed at `at` (after its putPending) leaves behind. */
export async function putCrashedUpload(dynamodb: DynamoDBDocumentClient, table: string, id: string, at: Date) {
  const past = new DynamoDbFileCatalog({ dynamodb, table, now: () => at });
  await past.putPending({
    id,
    name: 'crashed.bin',
    contentType: 'application/octet-stream',
    objectKey: objectKeyFor(id),
    uploadedBy: 'i-gone',
    uploadedAt: at.toISOString(),
  });
}
