import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { objectKeyFor } from '@ha-uploads/files';
import { type CatalogItem, FILES_TABLE_SCHEMA as S, itemKey } from '@ha-uploads/storage';

/** DynamoDB's BatchWriteItem limit. */
const BATCH_SIZE = 25;

/**
 * A READY catalog item with the exact attributes putPending + markReady leave behind (no `limbo`, so it stays out
 * of the sweeper's index). Its object is never written: listing reads only the catalog.
 */
export function seededItem(index: number, uploadedAt: Date): CatalogItem {
  const id = ulid(uploadedAt.getTime());
  const iso = uploadedAt.toISOString();
  return {
    ...itemKey(id),
    name: `seed-${String(index).padStart(5, '0')}.bin`,
    contentType: 'application/octet-stream',
    uploadedAt: iso,
    uploadedBy: 'bench-seed',
    objectKey: objectKeyFor(id),
    size: 1024,
    sha256: randomBytes(32).toString('hex'),
    state: 'READY',
    [S.staleIndexSortKey]: iso,
  };
}

/** How many entries (any state) the files partition holds. */
export async function countCatalog(dynamodb: DynamoDBDocumentClient, table: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': S.partitionKey },
        ExpressionAttributeValues: { ':pk': S.collection },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

/** Writes `count` READY entries, older than any real upload, with BatchWrite in parallel batches of 25. */
export async function seedCatalog(dynamodb: DynamoDBDocumentClient, table: string, count: number, parallel = 8): Promise<void> {
  // Spread over the past year, one second apart, so the ids (ULIDs) are distinct and older than the uploads.
  const base = Date.now() - 365 * 86_400_000;
  const items = Array.from({ length: count }, (_, i) => seededItem(i, new Date(base + i * 1_000)));
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
