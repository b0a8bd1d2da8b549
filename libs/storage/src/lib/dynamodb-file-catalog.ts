import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import {
  type CatalogEntry,
  ConflictError,
  type FileCatalog,
  type FileChecksum,
  type FileState,
  type ListedFile,
  type TrashOwner,
  toListedFile,
} from "@ha-uploads/files";
import { callBackend } from "./backend-errors";
import {
  RECORD_ATTRIBUTES,
  entryFromItem,
  itemFromEntry,
  itemKey,
  limboPartition,
  listedFromItem,
  listedItem,
  listedKey,
  trashItems,
  trashKeys,
  trashPrefix,
  type CatalogItem,
} from "./catalog-item";
import { type CatalogTransactItem, conditionalWrite, transactWrite } from "./catalog-writes";
import { FILES_TABLE_SCHEMA as S } from "./files-table";
import { readShardsNewestFirst, shardSources } from "./shard-merge";
import { finishFromCopy, writeReady } from "./catalog-ready";
import { LAYOUT_REFRESH_MS, LayoutCache, readLayout, readShardCount } from "./catalog-layout";
import { type Placement, entryKeyIn, keysIn, moveEntry, placementsOf } from "./catalog-move";

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
  /**
   * How many shard partitions the table's items spread over when its layout marker names none (see migrate-catalog).
   * @default FILES_TABLE_SCHEMA.shardCount
   */
  readonly shards?: number;
  /**
   * How long the table's layout marker (shard count, a migration under way) is trusted before it is read again.
   * @default LAYOUT_REFRESH_MS
   */
  readonly layoutRefreshMs?: number;
}

/** File metadata in one DynamoDB table (see files-table.ts for the key design). */
export class DynamoDbFileCatalog implements FileCatalog {
  private readonly db: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly now: () => Date;
  private readonly defaultShards: number;
  private readonly layouts: LayoutCache;

  constructor(private readonly props: DynamoDbFileCatalogProps) {
    this.db = props.dynamodb;
    this.table = props.table;
    this.now = props.now ?? (() => new Date());
    this.defaultShards = props.shards ?? S.shardCount;
    if (!Number.isInteger(this.defaultShards) || this.defaultShards < 1)
      throw new RangeError(`shards must be a whole number of at least 1, got ${this.defaultShards}`);
    const readMarker = () => readLayout(this.db, this.table, this.defaultShards);
    this.layouts = new LayoutCache(readMarker, props.layoutRefreshMs ?? LAYOUT_REFRESH_MS);
  }

  async putPending(entry: Omit<CatalogEntry, "state" | "size" | "sha256" | "updatedAt" | "deletedAt">): Promise<void> {
    const { id, ...rest } = entry;
    const { shards } = await this.layouts.get();
    const item: CatalogItem = {
      ...itemKey(id, shards),
      ...rest,
      size: 0,
      state: "PENDING",
      [S.staleIndexSortKey]: this.timestamp(),
      [S.staleIndexPartitionKey]: limboPartition(S.limboValue, id, shards),
    };
    await conditionalWrite(
      async () => {
        await this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: item,
            ConditionExpression: "attribute_not_exists(#pk)",
            ExpressionAttributeNames: { "#pk": S.partitionKey },
          })
        );
      },
      async () => {
        // A retry after a lost answer meets its own first attempt: that is success, not a conflict.
        const existing = await this.get(id);
        if (
          existing?.state === "PENDING" &&
          existing.objectKey === entry.objectKey &&
          existing.uploadedAt === entry.uploadedAt
        )
          return;
        throw new ConflictError(`A file with id ${id} already exists.`, "FILE_EXISTS");
      }
    );
  }

  async markReady(
    id: string,
    result: { size: number; sha256: string; contentType: string; checksum?: FileChecksum }
  ): Promise<CatalogEntry> {
    const done = (entry: CatalogEntry | undefined) =>
      entry?.state === "READY" && entry.size === result.size && entry.sha256 === result.sha256;
    const { shards } = await this.layouts.get();
    const seen = await this.settle(id, shards);
    // A retry after a lost answer finds the entry already READY with this very body: return it.
    if (seen && done(seen)) return seen;
    if (seen?.state === "PENDING") {
      const { session: _session, ...pending } = seen;
      const ready: CatalogEntry = { ...pending, ...result, state: "READY", updatedAt: this.timestamp() };
      // Listed before it is acknowledged: an upload acknowledged by any instance is listed by every other.
      const written = await writeReady({ db: this.db, table: this.table, shards }, ready);
      if (written) return ready;
      const now = await this.get(id);
      if (now && done(now)) return now;
    }
    throw new ConflictError(`File ${id} is not pending, so it cannot be marked ready.`, "FILE_NOT_PENDING");
  }

  async claimSessionCompletion(
    id: string,
    claim: { now: string; until: string },
    expected: { readonly ownerId: string; readonly createdAfter?: string }
  ): Promise<CatalogEntry | undefined> {
    await this.settleWhileMoving(id);
    const claimed = await this.updateSession(id, {
      // A new updatedAt too: the sweeper's claim (conditional on the updatedAt it saw) then fails for a session that
      // a complete or abort has taken since, and its stale listing leaves it out for the grace period.
      update: "SET #session.#until = :until, #updatedAt = :claimedAt",
      condition: [
        "(attribute_not_exists(#session.#until) OR #session.#until < :now) AND #owner = :owner",
        ...(expected.createdAfter !== undefined ? ["#session.#createdAt > :createdAfter"] : []),
      ].join(" AND "),
      names: {
        "#until": "completingUntil",
        "#updatedAt": S.staleIndexSortKey,
        "#owner": "ownerId",
        ...(expected.createdAfter !== undefined && { "#createdAt": "createdAt" }),
      },
      values: {
        ":until": claim.until,
        ":now": claim.now,
        ":claimedAt": this.timestamp(),
        ":owner": expected.ownerId,
        ...(expected.createdAfter !== undefined && { ":createdAfter": expected.createdAfter }),
      },
      returnEntry: true,
    });
    return claimed && entryFromItem(claimed);
  }

  async releaseSessionCompletion(id: string, until: string): Promise<void> {
    // Only the claim this call took: a later call's claim (this one ran past its time) stays.
    await this.settleWhileMoving(id);
    await this.updateSession(id, {
      update: "REMOVE #session.#until",
      condition: "#session.#until = :until",
      names: { "#until": "completingUntil" },
      values: { ":until": until },
    });
  }

  /**
   * One conditional update of a PENDING entry's session (and, if given, a further condition): the item as updated
   * when `returnEntry`, else an empty object; undefined when the condition fails.
   */
  private async updateSession(
    id: string,
    change: {
      update: string;
      condition?: string;
      names: Record<string, string>;
      values?: Record<string, unknown>;
      returnEntry?: boolean;
    }
  ): Promise<Record<string, unknown> | undefined> {
    const { shards } = await this.layouts.get();
    return conditionalWrite<Record<string, unknown> | undefined>(
      async () => {
        const out = await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: itemKey(id, shards),
            UpdateExpression: change.update,
            ConditionExpression: ["attribute_exists(#session) AND #state = :pending", change.condition]
              .filter(Boolean)
              .join(" AND "),
            ExpressionAttributeNames: { ...change.names, "#session": "session", "#state": "state" },
            ExpressionAttributeValues: { ...change.values, ":pending": "PENDING" },
            ...(change.returnEntry && { ReturnValues: "ALL_NEW" as const }),
          })
        );
        return out.Attributes ?? {};
      },
      async () => undefined
    );
  }

  async markDeleting(
    id: string,
    expected?: { state: FileState; updatedAt: string }
  ): Promise<CatalogEntry | undefined> {
    // Without `expected`, any state goes: a race with another change is read again and retried.
    const { shards } = await this.layouts.get();
    for (let attempt = 0; attempt < 5; attempt++) {
      const seen = await this.settle(id, shards);
      if (!seen || (expected && (seen.state !== expected.state || seen.updatedAt !== expected.updatedAt)))
        return undefined;
      // An upload that crashed between its listed copy and its flip is finished, not deleted: its body is whole.
      const at = { db: this.db, table: this.table, shards };
      if (seen.state === "PENDING" && (await finishFromCopy(at, seen, this.timestamp()))) return undefined;
      const deleting: CatalogEntry = { ...seen, state: "DELETING", updatedAt: this.timestamp() };
      // Hidden from the listing and the trash in the same write that claims it.
      const written = await this.transact([
        this.stateChange(seen, shards, "SET #state = :to, #updatedAt = :now, #limbo = :limbo", {
          ":to": "DELETING",
          ":now": deleting.updatedAt,
          ":limbo": limboPartition(S.limboValue, id, shards),
        }),
        ...keysIn(seen, shards).slice(1).map((Key): CatalogTransactItem => ({ Delete: { Key } })),
      ]);
      if (written) return deleting;
      if (expected) return undefined;
    }
    throw new ConflictError(`File ${id} kept changing while it was being deleted; try again.`, "FILE_BUSY");
  }

  async markTrashed(id: string, options: { deletedAt?: string } = {}): Promise<CatalogEntry | undefined> {
    const { shards } = await this.layouts.get();
    const seen = await this.settle(id, shards);
    if (seen?.state === "TRASHED") return seen;
    if (seen?.state !== "READY") return undefined;
    const now = options.deletedAt ?? this.timestamp();
    const trashed: CatalogEntry = { ...seen, state: "TRASHED", updatedAt: now, deletedAt: now };
    // Hidden, and listed in the trash, in one transaction: a crash never leaves a deleted file without its undo.
    const written = await this.transact([
      this.stateChange(seen, shards, "SET #state = :to, #updatedAt = :now, deletedAt = :now, #limbo = :trash", {
        ":to": "TRASHED",
        ":now": now,
        ":trash": limboPartition(S.trashLimboValue, id, shards),
      }),
      { Delete: { Key: listedKey(id, shards) } },
      ...trashItems(trashed, shards).map((Item): CatalogTransactItem => ({ Put: { Item } })),
    ]);
    return written ? trashed : this.getIn(id, "TRASHED");
  }

  async markRestored(id: string): Promise<CatalogEntry | undefined> {
    const { shards } = await this.layouts.get();
    const seen = await this.settle(id, shards);
    if (seen?.state === "READY") return seen;
    if (seen?.state !== "TRASHED") return undefined;
    const { deletedAt: _deletedAt, ...rest } = seen;
    const ready: CatalogEntry = { ...rest, state: "READY", updatedAt: this.timestamp() };
    const written = await this.transact([
      this.stateChange(seen, shards, "SET #state = :to, #updatedAt = :now REMOVE #limbo, deletedAt", {
        ":to": "READY",
        ":now": ready.updatedAt,
      }),
      { Put: { Item: listedItem(toListedFile(ready), shards) } },
      ...trashKeys(seen, shards).map((Key): CatalogTransactItem => ({ Delete: { Key } })),
    ]);
    return written ? ready : this.getIn(id, "READY");
  }

  async listTrash(options: {
    owner: TrashOwner;
    limit: number;
    before?: { readonly deletedAt: string; readonly id: string };
  }): Promise<CatalogEntry[]> {
    const prefix = trashPrefix(options.owner);
    const items = await readShardsNewestFirst({
      db: this.db,
      table: this.table,
      sources: shardSources(readShardCount(await this.layouts.get()), prefix),
      below: options.before && `${options.before.deletedAt}#${options.before.id}`,
      wanted: options.limit,
    });
    return items.map(entryFromItem);
  }

  async *listExpiredTrash(olderThan: Date): AsyncIterable<CatalogEntry> {
    yield* this.queryLimbo(S.trashLimboValue, olderThan);
  }

  async adopt(entry: CatalogEntry): Promise<boolean> {
    if (entry.state !== "READY" && entry.state !== "TRASHED")
      throw new RangeError(`only READY or TRASHED entries are adopted, got ${entry.state}`);
    const { shards } = await this.layouts.get();
    const copies =
      entry.state === "READY" ? [listedItem(toListedFile(entry), shards)] : trashItems(entry, shards);
    // Never overwrite: an entry written meanwhile (by an instance, or another rebuild) is the truth.
    return this.transact([
      {
        Put: {
          Item: itemFromEntry(entry, shards),
          ConditionExpression: "attribute_not_exists(#pk)",
          ExpressionAttributeNames: { "#pk": S.partitionKey },
        },
      },
      ...copies.map((Item): CatalogTransactItem => ({ Put: { Item } })),
    ]);
  }

  async remove(id: string): Promise<void> {
    // Wherever a migration may still hold it: one delete per place.
    for (const placement of placementsOf(id, await this.layouts.get())) {
      // And a listed copy an upload may have left as it crashed (its entry was swept as stale).
      const keys = [entryKeyIn(id, placement), ...(placement === "legacy" ? [] : [listedKey(id, placement)])];
      for (const Key of keys) await callBackend("DynamoDB", () => this.db.send(new DeleteCommand({ TableName: this.table, Key })));
    }
  }

  async get(id: string): Promise<CatalogEntry | undefined> {
    return (await this.find(id))?.entry;
  }

  // The entry and where it is: its key in the current layout, else (while a migration runs) where it was before.
  private async find(id: string): Promise<{ entry: CatalogEntry; placement: Placement } | undefined> {
    const layout = await this.layouts.get();
    for (const placement of placementsOf(id, layout)) {
      const out = await callBackend("DynamoDB", () =>
        this.db.send(new GetCommand({ TableName: this.table, Key: entryKeyIn(id, placement), ConsistentRead: true }))
      );
      if (out.Item) return { entry: entryFromItem(out.Item), placement };
    }
    return undefined;
  }

  // While a migration runs, moves the entry into the current layout first, so a keyed update finds it there.
  private async settleWhileMoving(id: string): Promise<void> {
    const layout = await this.layouts.get();
    if (placementsOf(id, layout).length > 1) await this.settle(id, layout.shards);
  }

  // The entry, moved into the current layout first if a migration has not moved it yet, so a change applies there.
  private async settle(id: string, shards: number): Promise<CatalogEntry | undefined> {
    const found = await this.find(id);
    if (!found || found.placement === shards) return found?.entry;
    await moveEntry(this.db, this.table, found.entry, { from: found.placement, to: shards });
    return (await this.find(id))?.entry;
  }

  async listReady(options: { limit: number; before?: string }): Promise<{ records: ListedFile[]; hasMore: boolean }> {
    const layout = await this.layouts.get();
    const items = await readShardsNewestFirst({
      db: this.db,
      table: this.table,
      sources: [
        ...shardSources(readShardCount(layout), S.listedPrefix),
        // Until migrate-catalog has drained it, the old single partition's READY entries are listed too.
        ...(layout.legacy ? [{ partition: S.legacyCollection, prefix: "", state: "READY" }] : []),
      ],
      below: options.before,
      // One record past the page tells whether another page exists.
      wanted: options.limit + 1,
      projection: RECORD_ATTRIBUTES,
    });
    return { records: items.slice(0, options.limit).map(listedFromItem), hasMore: items.length > options.limit };
  }

  async *listStale(olderThan: Date): AsyncIterable<CatalogEntry> {
    yield* this.queryLimbo(S.limboValue, olderThan);
  }

  // Entries of one kind of limbo in the sparse index, shard by shard, last changed before `olderThan` (eventually
  // consistent).
  private async *queryLimbo(limbo: string, olderThan: Date): AsyncIterable<CatalogEntry> {
    const layout = await this.layouts.get();
    for (let shard = 0; shard < readShardCount(layout); shard++) yield* this.queryLimboShard(`${limbo}#${shard}`, olderThan);
    // The old single-partition layout kept one limbo and one trash partition in the index, without a shard.
    if (layout.legacy) yield* this.queryLimboShard(limbo, olderThan);
  }

  private async *queryLimboShard(limbo: string, olderThan: Date): AsyncIterable<CatalogEntry> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await callBackend("DynamoDB", () =>
        this.db.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: S.staleIndex,
            KeyConditionExpression: "#limbo = :limbo AND #updatedAt < :olderThan",
            ExpressionAttributeNames: { "#limbo": S.staleIndexPartitionKey, "#updatedAt": S.staleIndexSortKey },
            ExpressionAttributeValues: { ":limbo": limbo, ":olderThan": olderThan.toISOString() },
            ExclusiveStartKey: startKey,
          })
        )
      );
      for (const item of page.Items ?? []) yield entryFromItem(item);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async ping(): Promise<void> {
    const abortSignal = AbortSignal.timeout(this.props.pingTimeoutMs ?? 2_000);
    await callBackend("DynamoDB", async () => {
      try {
        // A cheap keyed read proves both that DynamoDB answers and that the table exists.
        await this.db.send(
          new GetCommand({
            TableName: this.table,
            Key: itemKey("~ping", this.defaultShards),
            ProjectionExpression: "#pk",
            ExpressionAttributeNames: { "#pk": S.partitionKey },
          }),
          { abortSignal }
        );
      } catch (err) {
        if (abortSignal.aborted)
          throw Object.assign(new Error("DynamoDB ping timed out"), { name: "TimeoutError", cause: err });
        if ((err as { name?: string }).name === "ResourceNotFoundException") {
          throw Object.assign(new Error(`table ${this.table} does not exist`), {
            name: "ServiceUnavailable",
            cause: err,
          });
        }
        throw err;
      }
    });
  }

  // The update of an entry from the state it was seen in, conditional on it not having changed since.
  private stateChange(
    seen: CatalogEntry,
    shards: number,
    update: string,
    values: Record<string, unknown>
  ): CatalogTransactItem {
    return {
      Update: {
        Key: itemKey(seen.id, shards),
        UpdateExpression: update,
        ConditionExpression: "#state = :from AND #updatedAt = :seenAt",
        ExpressionAttributeNames: {
          "#state": "state",
          "#updatedAt": S.staleIndexSortKey,
          ...(update.includes("#limbo") && { "#limbo": S.staleIndexPartitionKey }),
        },
        ExpressionAttributeValues: { ...values, ":from": seen.state, ":seenAt": seen.updatedAt },
      },
    };
  }

  // After a lost race or a retried call: the entry, if it is now in the state the call wanted.
  private async getIn(id: string, state: FileState): Promise<CatalogEntry | undefined> {
    const entry = await this.get(id);
    return entry?.state === state ? entry : undefined;
  }

  private transact(items: readonly CatalogTransactItem[]): Promise<boolean> {
    return transactWrite(this.db, this.table, items);
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}
