import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CatalogEntry, ConflictError, type FileCatalog, type FileChecksum, type FileState, type ListedFile, type TrashOwner } from '@ha-uploads/files';
import { callBackend } from './backend-errors';
import { RECORD_ATTRIBUTES, entryFromItem, itemFromEntry, itemKey, listedFromItem, type CatalogItem } from './catalog-item';
import { TrashPointers } from './dynamodb-trash';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** Settings of DynamoDbFileCatalog. */
export interface DynamoDbFileCatalogProps {
  readonly dynamodb: DynamoDBDocumentClient;
  readonly table: string;
  /**
   * Where "now" comes from for updatedAt (tests pin it).
   * @default - the system clock
   */
  readonly now?: () => Date;
  /**
   * How long ping() waits for DynamoDB before calling it down.
   * @default 2000
   */
  readonly pingTimeoutMs?: number;
}

/** Extra items read per listing query, so a few hidden (PENDING/DELETING) entries rarely cost a second round trip. */
const LISTING_SLACK = 4;

const PROJECTION = {
  ProjectionExpression: RECORD_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
  names: Object.fromEntries(RECORD_ATTRIBUTES.map((name, i) => [`#a${i}`, name])),
};

/** File metadata in one DynamoDB table (see files-table.ts for the key design). */
export class DynamoDbFileCatalog implements FileCatalog {
  private readonly db: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly now: () => Date;
  private readonly trash: TrashPointers;

  constructor(private readonly props: DynamoDbFileCatalogProps) {
    this.db = props.dynamodb;
    this.table = props.table;
    this.now = props.now ?? (() => new Date());
    this.trash = new TrashPointers(this.db, this.table);
  }

  async putPending(entry: Omit<CatalogEntry, 'state' | 'size' | 'sha256' | 'updatedAt' | 'deletedAt'>): Promise<void> {
    const { id, ...rest } = entry;
    const item: CatalogItem = {
      ...itemKey(id),
      ...rest,
      size: 0,
      state: 'PENDING',
      [S.staleIndexSortKey]: this.timestamp(),
      [S.staleIndexPartitionKey]: S.limboValue,
    };
    await this.conditional(
      async () => {
        await this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: item,
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': S.partitionKey },
          }),
        );
      },
      async () => {
        // A retry after a lost answer meets its own first attempt: that is success, not a conflict.
        const existing = await this.get(id);
        if (existing?.state === 'PENDING' && existing.objectKey === entry.objectKey && existing.uploadedAt === entry.uploadedAt) return;
        throw new ConflictError(`A file with id ${id} already exists.`, 'FILE_EXISTS');
      },
    );
  }

  async markReady(id: string, result: { size: number; sha256: string; contentType: string; checksum?: FileChecksum }): Promise<CatalogEntry> {
    return this.conditional(
      async () => {
        const out = await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: itemKey(id),
            UpdateExpression: `SET #state = :ready, #size = :size, sha256 = :sha256, contentType = :contentType, #updatedAt = :now${result.checksum ? ', checksum = :checksum' : ''} REMOVE #limbo, #session`,
            ConditionExpression: 'attribute_exists(#pk) AND #state = :pending',
            ExpressionAttributeNames: {
              '#pk': S.partitionKey,
              '#state': 'state',
              '#size': 'size',
              '#updatedAt': S.staleIndexSortKey,
              '#limbo': S.staleIndexPartitionKey,
              '#session': 'session',
            },
            ExpressionAttributeValues: {
              ':ready': 'READY',
              ':pending': 'PENDING',
              ':size': result.size,
              ':sha256': result.sha256,
              ':contentType': result.contentType,
              ':now': this.timestamp(),
              ...(result.checksum && { ':checksum': result.checksum }),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return entryFromItem(out.Attributes ?? {});
      },
      async () => {
        // A retry after a lost answer finds the entry already READY with this very body: return it.
        const existing = await this.get(id);
        if (existing?.state === 'READY' && existing.size === result.size && existing.sha256 === result.sha256) return existing;
        throw new ConflictError(`File ${id} is not pending, so it cannot be marked ready.`, 'FILE_NOT_PENDING');
      },
    );
  }

  async claimSessionCompletion(
    id: string,
    claim: { now: string; until: string },
    expected: { readonly ownerId: string; readonly createdAfter?: string },
  ): Promise<CatalogEntry | undefined> {
    const claimed = await this.updateSession(id, {
      // A new updatedAt too: the sweeper's claim (conditional on the updatedAt it saw) then fails for a session that
      // a complete or abort has taken since, and its stale listing leaves it out for the grace period.
      update: 'SET #session.#until = :until, #updatedAt = :claimedAt',
      condition: [
        '(attribute_not_exists(#session.#until) OR #session.#until < :now) AND #owner = :owner',
        ...(expected.createdAfter !== undefined ? ['#session.#createdAt > :createdAfter'] : []),
      ].join(' AND '),
      names: { '#until': 'completingUntil', '#updatedAt': S.staleIndexSortKey, '#owner': 'ownerId', ...(expected.createdAfter !== undefined && { '#createdAt': 'createdAt' }) },
      values: {
        ':until': claim.until,
        ':now': claim.now,
        ':claimedAt': this.timestamp(),
        ':owner': expected.ownerId,
        ...(expected.createdAfter !== undefined && { ':createdAfter': expected.createdAfter }),
      },
      returnEntry: true,
    });
    return claimed && entryFromItem(claimed);
  }

  async releaseSessionCompletion(id: string, until: string): Promise<void> {
    // Only the claim this call took: a later call's claim (this one ran past its time) stays.
    await this.updateSession(id, { update: 'REMOVE #session.#until', condition: '#session.#until = :until', names: { '#until': 'completingUntil' }, values: { ':until': until } });
  }

  /**
   * One conditional update of a PENDING entry's session (and, if given, a further condition): the item as updated
   * when `returnEntry`, else an empty object; undefined when the condition fails.
   */
  private async updateSession(
    id: string,
    change: { update: string; condition?: string; names: Record<string, string>; values?: Record<string, unknown>; returnEntry?: boolean },
  ): Promise<Record<string, unknown> | undefined> {
    return this.conditional<Record<string, unknown> | undefined>(
      async () => {
        const out = await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: itemKey(id),
            UpdateExpression: change.update,
            ConditionExpression: ['attribute_exists(#session) AND #state = :pending', change.condition].filter(Boolean).join(' AND '),
            ExpressionAttributeNames: { ...change.names, '#session': 'session', '#state': 'state' },
            ExpressionAttributeValues: { ...change.values, ':pending': 'PENDING' },
            ...(change.returnEntry && { ReturnValues: 'ALL_NEW' as const }),
          }),
        );
        return out.Attributes ?? {};
      },
      async () => undefined,
    );
  }

  async markDeleting(id: string, expected?: { state: FileState; updatedAt: string }): Promise<CatalogEntry | undefined> {
    return this.conditional<CatalogEntry | undefined>(
      async () => {
        const out = await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: itemKey(id),
            UpdateExpression: 'SET #state = :deleting, #updatedAt = :now, #limbo = :limbo',
            ConditionExpression: expected
              ? 'attribute_exists(#pk) AND #state = :expectedState AND #updatedAt = :expectedUpdatedAt'
              : 'attribute_exists(#pk)',
            ExpressionAttributeNames: {
              '#pk': S.partitionKey,
              '#state': 'state',
              '#updatedAt': S.staleIndexSortKey,
              '#limbo': S.staleIndexPartitionKey,
            },
            ExpressionAttributeValues: {
              ':deleting': 'DELETING',
              ':now': this.timestamp(),
              ':limbo': S.limboValue,
              ...(expected && { ':expectedState': expected.state, ':expectedUpdatedAt': expected.updatedAt }),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return entryFromItem(out.Attributes ?? {});
      },
      // No entry, or (with `expected`) one that changed since it was seen.
      async () => undefined,
    ).then(async (entry) => {
      // Hidden from the trash first (the pointer's entry is no longer TRASHED), then the pointer goes; a crash in
      // between leaves a DELETING entry that the stale sweep claims again, which removes the pointer then.
      if (entry?.deletedAt !== undefined) await this.trash.remove(entry);
      return entry;
    });
  }

  async markTrashed(id: string, options: { deletedAt?: string } = {}): Promise<CatalogEntry | undefined> {
    const now = options.deletedAt ?? this.timestamp();
    const entry = await this.transition(id, {
      from: 'READY',
      update: 'SET #state = :to, #updatedAt = :now, deletedAt = :now, #limbo = :trash',
      values: { ':to': 'TRASHED', ':now': now, ':trash': S.trashLimboValue },
      alreadyDone: 'TRASHED',
    });
    // Hidden first (one conditional write: every instance stops listing it at once), then findable in the trash; a
    // crash in between leaves it hidden, swept after the retention, and a retried delete writes the pointer.
    if (entry) await this.trash.put(entry);
    return entry;
  }

  async markRestored(id: string): Promise<CatalogEntry | undefined> {
    const entry = await this.transition(id, {
      from: 'TRASHED',
      update: 'SET #state = :to, #updatedAt = :now REMOVE #limbo, deletedAt',
      values: { ':to': 'READY', ':now': this.timestamp() },
      alreadyDone: 'READY',
    });
    // Listed first, then the pointer goes: a pointer left by a crash leads to a READY entry, which the trash skips.
    if (entry) await this.trash.remove(entry);
    return entry;
  }

  async listTrash(options: { owner: TrashOwner; limit: number }): Promise<CatalogEntry[]> {
    return this.trash.list(options.owner, options.limit);
  }

  async *listExpiredTrash(olderThan: Date): AsyncIterable<CatalogEntry> {
    yield* this.queryLimbo(S.trashLimboValue, olderThan);
  }

  async adopt(entry: CatalogEntry): Promise<boolean> {
    if (entry.state !== 'READY' && entry.state !== 'TRASHED') throw new RangeError(`only READY or TRASHED entries are adopted, got ${entry.state}`);
    const written = await this.conditional(
      async () => {
        await this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: itemFromEntry(entry),
            // Never overwrite: an entry written meanwhile (by an instance, or another rebuild) is the truth.
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': S.partitionKey },
          }),
        );
        return true;
      },
      async () => false,
    );
    // Entry first, then its pointer, as a delete writes them.
    if (written && entry.state === 'TRASHED') await this.trash.put(entry);
    return written;
  }

  async remove(id: string): Promise<void> {
    await callBackend('DynamoDB', () => this.db.send(new DeleteCommand({ TableName: this.table, Key: itemKey(id) })));
  }

  async get(id: string): Promise<CatalogEntry | undefined> {
    const out = await callBackend('DynamoDB', () =>
      this.db.send(new GetCommand({ TableName: this.table, Key: itemKey(id), ConsistentRead: true })),
    );
    return out.Item ? entryFromItem(out.Item) : undefined;
  }

  async listReady(options: { limit: number; before?: string }): Promise<{ records: ListedFile[]; hasMore: boolean }> {
    // One READY record past the page tells whether another page exists.
    const wanted = options.limit + 1;
    const records: ListedFile[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await callBackend('DynamoDB', () =>
        this.db.send(
          new QueryCommand({
            TableName: this.table,
            // Strongly consistent: an upload acknowledged by any instance is listed by every other at once.
            ConsistentRead: true,
            ScanIndexForward: false,
            KeyConditionExpression: options.before ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
            FilterExpression: '#state = :ready',
            ProjectionExpression: PROJECTION.ProjectionExpression,
            // DynamoDB rejects unused names, so #sk only comes with `before`.
            ExpressionAttributeNames: {
              ...PROJECTION.names,
              '#pk': S.partitionKey,
              '#state': 'state',
              ...(options.before && { '#sk': S.sortKey }),
            },
            ExpressionAttributeValues: {
              ':pk': S.collection,
              ':ready': 'READY',
              ...(options.before && { ':before': options.before }),
            },
            Limit: wanted - records.length + LISTING_SLACK,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      records.push(...(page.Items ?? []).map(listedFromItem));
      startKey = page.LastEvaluatedKey;
    } while (records.length < wanted && startKey);
    return { records: records.slice(0, options.limit), hasMore: records.length > options.limit };
  }

  async *listStale(olderThan: Date): AsyncIterable<CatalogEntry> {
    yield* this.queryLimbo(S.limboValue, olderThan);
  }

  // Entries of one partition of the sparse limbo index, last changed before `olderThan` (eventually consistent).
  private async *queryLimbo(limbo: string, olderThan: Date): AsyncIterable<CatalogEntry> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await callBackend('DynamoDB', () =>
        this.db.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: S.staleIndex,
            KeyConditionExpression: '#limbo = :limbo AND #updatedAt < :olderThan',
            ExpressionAttributeNames: { '#limbo': S.staleIndexPartitionKey, '#updatedAt': S.staleIndexSortKey },
            ExpressionAttributeValues: { ':limbo': limbo, ':olderThan': olderThan.toISOString() },
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      for (const item of page.Items ?? []) yield entryFromItem(item);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async ping(): Promise<void> {
    const abortSignal = AbortSignal.timeout(this.props.pingTimeoutMs ?? 2_000);
    await callBackend('DynamoDB', async () => {
      try {
        // A cheap keyed read proves both that DynamoDB answers and that the table exists.
        await this.db.send(
          new GetCommand({ TableName: this.table, Key: itemKey('~ping'), ProjectionExpression: '#pk', ExpressionAttributeNames: { '#pk': S.partitionKey } }),
          { abortSignal },
        );
      } catch (err) {
        if (abortSignal.aborted) throw Object.assign(new Error('DynamoDB ping timed out'), { name: 'TimeoutError', cause: err });
        if ((err as { name?: string }).name === 'ResourceNotFoundException') {
          throw Object.assign(new Error(`table ${this.table} does not exist`), { name: 'ServiceUnavailable', cause: err });
        }
        throw err;
      }
    });
  }

  /**
   * One conditional state change `from` -> (update), returning the new entry; an entry already in `alreadyDone`
   * (a retry whose first attempt landed) is returned as is; no entry or another state gives undefined.
   */
  private async transition(
    id: string,
    change: { from: FileState; update: string; values: Record<string, unknown>; alreadyDone: FileState },
  ): Promise<CatalogEntry | undefined> {
    return this.conditional<CatalogEntry | undefined>(
      async () => {
        const out = await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: itemKey(id),
            UpdateExpression: change.update,
            ConditionExpression: 'attribute_exists(#pk) AND #state = :from',
            ExpressionAttributeNames: { '#pk': S.partitionKey, '#state': 'state', '#updatedAt': S.staleIndexSortKey, '#limbo': S.staleIndexPartitionKey },
            ExpressionAttributeValues: { ...change.values, ':from': change.from },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return entryFromItem(out.Attributes ?? {});
      },
      async () => {
        const existing = await this.get(id);
        return existing?.state === change.alreadyDone ? existing : undefined;
      },
    );
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  /**
   * Runs a conditional write. A failed condition goes to `onConflict`, which either throws (a real conflict) or
   * resolves to what the write would have (an earlier attempt had already applied it).
   */
  private async conditional<T>(write: () => Promise<T>, onConflict: () => Promise<T>): Promise<T> {
    const CONFLICT = Symbol('conflict');
    const result = await callBackend('DynamoDB', async () => {
      try {
        return await write();
      } catch (err) {
        if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
        return CONFLICT;
      }
    });
    return result === CONFLICT ? onConflict() : (result as T);
  }
}
