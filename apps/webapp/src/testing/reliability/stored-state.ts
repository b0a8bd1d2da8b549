import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { FileState } from '@ha-uploads/files';
import { FILES_TABLE_SCHEMA as S } from '@ha-uploads/storage';
import type { TestBackends } from '@ha-uploads/storage/testing';

/** One item of the files table, as DynamoDB holds it. */
export interface StoredItem {
  readonly id: string;
  readonly state: FileState;
  readonly objectKey: string;
}

/**
 * Every entry in the files table, read straight from DynamoDB (a Scan: tests only), bypassing the app; the listing and
 * trash copies (which carry `fileId`) and the layout marker (no `state`) are left out.
 */
export async function storedItems(backends: TestBackends): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await backends.clients.dynamodb.send(
      new ScanCommand({ TableName: backends.table, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) {
      if (item.fileId !== undefined || item.state === undefined) continue;
      items.push({ id: String(item[S.sortKey]), state: item.state as FileState, objectKey: String(item.objectKey) });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every object key in the files bucket, read straight from S3, bypassing the app. */
export async function storedObjectKeys(backends: TestBackends): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await backends.clients.s3.send(
      new ListObjectsV2Command({ Bucket: backends.bucket, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** Both stores at once: what a "nothing left" assertion compares against. */
export async function storedState(backends: TestBackends): Promise<{ items: StoredItem[]; objects: string[] }> {
  const [items, objects] = await Promise.all([storedItems(backends), storedObjectKeys(backends)]);
  return { items, objects };
}

/** Empties the table (files and trash pointers) and the bucket directly, so each test starts from nothing. */
export async function clearStoredState(backends: TestBackends): Promise<void> {
  const scan = await backends.clients.dynamodb.send(
    new ScanCommand({ TableName: backends.table, ConsistentRead: true }),
  );
  const objects = await storedObjectKeys(backends);
  await Promise.all([
    ...(scan.Items ?? []).map((item) =>
      backends.clients.dynamodb.send(
        new DeleteCommand({
          TableName: backends.table,
          Key: { [S.partitionKey]: item[S.partitionKey], [S.sortKey]: item[S.sortKey] },
        }),
      ),
    ),
    ...objects.map((key) => backends.blobStore.delete(key)),
  ]);
}
