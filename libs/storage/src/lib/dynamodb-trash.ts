import { BatchGetCommand, DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EVERY_OWNER, type CatalogEntry, type TrashOwner } from '@ha-uploads/files';
import { callBackend } from './backend-errors';
import { entryFromItem, itemKey, trashOwnerKey, trashPointerKey } from './catalog-item';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** BatchGetItem reads at most this many keys per call. */
const BATCH_GET_LIMIT = 100;

/**
 * The trash pointers of the files table: one item per TRASHED entry in the `trash` partition. No transaction ties
 * a pointer to its entry (yet), so the entry's state is the truth and a pointer is only a way to find it: every
 * pointer read is checked against its entry, and writes are ordered so a crash leaves at worst a pointer to
 * nothing, never a listed half state.
 */
export class TrashPointers {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Writes the pointer of a TRASHED entry (idempotent). */
  async put(entry: CatalogEntry): Promise<void> {
    await callBackend('DynamoDB', () =>
      this.db.send(new PutCommand({ TableName: this.table, Item: { ...trashPointerKey(entry), fileId: entry.id, deletedAt: entry.deletedAt } })),
    );
  }

  /** Deletes the pointer of an entry (a missing pointer is not an error). */
  async remove(entry: CatalogEntry): Promise<void> {
    await callBackend('DynamoDB', () => this.db.send(new DeleteCommand({ TableName: this.table, Key: trashPointerKey(entry) })));
  }

  /** The TRASHED entries the pointers of `owner` (or everyone's) lead to, up to `limit` pointers, strongly consistent. */
  async list(owner: TrashOwner, limit: number): Promise<CatalogEntry[]> {
    const ids: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await callBackend('DynamoDB', () =>
        this.db.send(
          new QueryCommand({
            TableName: this.table,
            ConsistentRead: true,
            ScanIndexForward: false,
            KeyConditionExpression: owner === EVERY_OWNER ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :owner)',
            ExpressionAttributeNames: { '#pk': S.partitionKey, ...(owner !== EVERY_OWNER && { '#sk': S.sortKey }) },
            ExpressionAttributeValues: { ':pk': S.trashCollection, ...(owner !== EVERY_OWNER && { ':owner': `${trashOwnerKey(owner)}#` }) },
            Limit: limit - ids.length,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      for (const item of page.Items ?? []) if (typeof item['fileId'] === 'string') ids.push(item['fileId']);
      startKey = page.LastEvaluatedKey;
    } while (ids.length < limit && startKey);
    const entries = new Map((await this.getEntries(ids)).map((entry) => [entry.id, entry]));
    // BatchGetItem answers in any order; the pointers' order is the newest-first one.
    return ids.map((id) => entries.get(id)).filter((entry): entry is CatalogEntry => entry?.state === 'TRASHED');
  }

  // Strongly consistent reads of the entries behind the pointers (a stale pointer finds another state, or nothing).
  private async getEntries(ids: readonly string[]): Promise<CatalogEntry[]> {
    const entries: CatalogEntry[] = [];
    for (let i = 0; i < ids.length; i += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + BATCH_GET_LIMIT).map(itemKey);
      while (keys && keys.length > 0) {
        const requested: Record<string, unknown>[] = keys;
        const out = await callBackend('DynamoDB', () =>
          this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: requested, ConsistentRead: true } } })),
        );
        entries.push(...(out.Responses?.[this.table] ?? []).map(entryFromItem));
        keys = out.UnprocessedKeys?.[this.table]?.Keys;
      }
    }
    return entries;
  }
}
