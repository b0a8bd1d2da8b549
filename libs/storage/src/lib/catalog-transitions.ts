import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { type CatalogEntry, ConflictError, type ReadyFacts, type FileState, toListedFile } from '@ha-uploads/files';
import { callBackend } from './backend-errors';
import type { CatalogContext } from './catalog-context';
import {
  type ShardPlacement,
  itemFromEntry,
  itemKey,
  limboPartition,
  listedItems,
  listedKeys,
  trashItems,
  trashKeys,
} from './catalog-item';
import { readReplicaCounts } from './catalog-layout';
import { entryKeyAt, entryPlacesOf, keysIn, targetOf } from './catalog-move';
import { finishFromCopy, writeReady } from './catalog-ready';
import type { CatalogTransactItem } from './catalog-writes';
import { FILES_TABLE_SCHEMA as S } from './files-table';

// The catalog's state changes: each entry and the copies its state has change together.

/** Marks a PENDING entry READY with its body's facts; a retry meeting itself returns the entry. */
export async function markReady(ctx: CatalogContext, id: string, result: ReadyFacts): Promise<CatalogEntry> {
  const done = (entry: CatalogEntry | undefined) =>
    entry?.state === 'READY' && entry.size === result.size && entry.sha256 === result.sha256;
  const target = targetOf(await ctx.layouts.get());
  const seen = await ctx.settle(id, target);
  // A retry after a lost answer finds the entry already READY with this very body: return it.
  if (seen && done(seen)) return seen;
  if (seen?.state === 'PENDING') {
    const { session: _session, ...pending } = seen;
    const ready: CatalogEntry = {
      ...pending,
      ...result,
      state: 'READY',
      updatedAt: ctx.timestamp(),
    };
    // Listed before it is acknowledged: an upload acknowledged by any instance is listed by every other.
    const written = await writeReady({ db: ctx.db, table: ctx.table, placement: target }, ready);
    if (written) return ready;
    const now = await ctx.get(id);
    if (now && done(now)) return now;
  }
  throw new ConflictError(`File ${id} is not pending, so it cannot be marked ready.`, 'FILE_NOT_PENDING');
}

/** Claims an entry for deletion (hidden everywhere); with `expected`, only from that state and updatedAt. */
export async function markDeleting(
  ctx: CatalogContext,
  id: string,
  expected?: { state: FileState; updatedAt: string },
): Promise<CatalogEntry | undefined> {
  // Without `expected`, any state goes: a race with another change is read again and retried.
  const target = targetOf(await ctx.layouts.get());
  for (let attempt = 0; attempt < 5; attempt++) {
    const seen = await ctx.settle(id, target);
    if (!seen || (expected && (seen.state !== expected.state || seen.updatedAt !== expected.updatedAt)))
      return undefined;
    // An upload that crashed between its listed copy and its flip is finished, not deleted: its body is whole.
    const at = { db: ctx.db, table: ctx.table, placement: target };
    if (seen.state === 'PENDING' && (await finishFromCopy(at, seen, ctx.timestamp()))) return undefined;
    const deleting: CatalogEntry = {
      ...seen,
      state: 'DELETING',
      updatedAt: ctx.timestamp(),
    };
    // Hidden from the listing and the trash in the same write that claims it.
    const written = await ctx.transact([
      stateChange(seen, target, 'SET #state = :to, #updatedAt = :now, #limbo = :limbo', {
        ':to': 'DELETING',
        ':now': deleting.updatedAt,
        ':limbo': limboPartition(S.limboValue, id, target.shards),
      }),
      ...keysIn(seen, target)
        .slice(1)
        .map((Key): CatalogTransactItem => ({ Delete: { Key } })),
    ]);
    if (written) return deleting;
    if (expected) return undefined;
  }
  throw new ConflictError(`File ${id} kept changing while it was being deleted; try again.`, 'FILE_BUSY');
}

/** Moves a READY entry to the trash, newest delete first, with its undo in the same transaction. */
export async function markTrashed(
  ctx: CatalogContext,
  id: string,
  options: { deletedAt?: string } = {},
): Promise<CatalogEntry | undefined> {
  const target = targetOf(await ctx.layouts.get());
  const seen = await ctx.settle(id, target);
  if (seen?.state === 'TRASHED') return seen;
  if (seen?.state !== 'READY') return undefined;
  const now = options.deletedAt ?? ctx.timestamp();
  const trashed: CatalogEntry = {
    ...seen,
    state: 'TRASHED',
    updatedAt: now,
    deletedAt: now,
  };
  // Hidden, and listed in the trash, in one transaction: a crash never leaves a deleted file without its undo.
  const written = await ctx.transact([
    stateChange(seen, target, 'SET #state = :to, #updatedAt = :now, deletedAt = :now, #limbo = :trash', {
      ':to': 'TRASHED',
      ':now': now,
      ':trash': limboPartition(S.trashLimboValue, id, target.shards),
    }),
    ...listedKeys(id, target).map((Key): CatalogTransactItem => ({ Delete: { Key } })),
    ...trashItems(trashed, target.shards).map((Item): CatalogTransactItem => ({ Put: { Item } })),
  ]);
  return written ? trashed : getIn(ctx, id, 'TRASHED');
}

/** Brings a TRASHED entry back to READY and out of the trash. */
export async function markRestored(ctx: CatalogContext, id: string): Promise<CatalogEntry | undefined> {
  const target = targetOf(await ctx.layouts.get());
  const seen = await ctx.settle(id, target);
  if (seen?.state === 'READY') return seen;
  if (seen?.state !== 'TRASHED') return undefined;
  const { deletedAt: _deletedAt, ...rest } = seen;
  const ready: CatalogEntry = {
    ...rest,
    state: 'READY',
    updatedAt: ctx.timestamp(),
  };
  const written = await ctx.transact([
    stateChange(seen, target, 'SET #state = :to, #updatedAt = :now, #listedIn = :replicas REMOVE #limbo, deletedAt', {
      ':to': 'READY',
      ':now': ready.updatedAt,
      ':replicas': target.replicas,
    }),
    ...listedItems(toListedFile(ready), target).map((Item): CatalogTransactItem => ({ Put: { Item } })),
    ...trashKeys(seen, target.shards).map((Key): CatalogTransactItem => ({ Delete: { Key } })),
  ]);
  return written ? ready : getIn(ctx, id, 'READY');
}

/** Writes a READY or TRASHED entry rebuilt from its object, never over an existing one. */
export async function adopt(ctx: CatalogContext, entry: CatalogEntry): Promise<boolean> {
  if (entry.state !== 'READY' && entry.state !== 'TRASHED')
    throw new RangeError(`only READY or TRASHED entries are adopted, got ${entry.state}`);
  const target = targetOf(await ctx.layouts.get());
  const copies = entry.state === 'READY' ? listedItems(toListedFile(entry), target) : trashItems(entry, target.shards);
  // Never overwrite: an entry written meanwhile (by an instance, or another rebuild) is the truth.
  return ctx.transact([
    {
      Put: {
        Item: itemFromEntry(entry, target),
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': S.partitionKey },
      },
    },
    ...copies.map((Item): CatalogTransactItem => ({ Put: { Item } })),
  ]);
}

/** Deletes an entry (and listed copies a crashed upload left) wherever a migration may still hold them. */
export async function remove(ctx: CatalogContext, id: string): Promise<void> {
  const layout = await ctx.layouts.get();
  // Wherever a migration may still hold it: one delete per place.
  for (const place of entryPlacesOf(id, layout)) {
    // And the listed copies an upload may have left as it crashed (its entry was swept as stale).
    const copies =
      place === 'legacy'
        ? []
        : readReplicaCounts(layout).flatMap((replicas) => listedKeys(id, { shards: place, replicas }));
    const keys = [entryKeyAt(id, place), ...copies];
    for (const Key of keys)
      await callBackend('DynamoDB', () => ctx.db.send(new DeleteCommand({ TableName: ctx.table, Key })));
  }
}

// The update of an entry from the state it was seen in, conditional on it not having changed since.
function stateChange(
  seen: CatalogEntry,
  at: ShardPlacement,
  update: string,
  values: Record<string, unknown>,
): CatalogTransactItem {
  return {
    Update: {
      Key: itemKey(seen.id, at.shards),
      UpdateExpression: update,
      ConditionExpression: '#state = :from AND #updatedAt = :seenAt',
      ExpressionAttributeNames: {
        '#state': 'state',
        '#updatedAt': S.staleIndexSortKey,
        ...(update.includes('#limbo') && {
          '#limbo': S.staleIndexPartitionKey,
        }),
        ...(update.includes('#listedIn') && { '#listedIn': S.listedInAttribute }),
      },
      ExpressionAttributeValues: {
        ...values,
        ':from': seen.state,
        ':seenAt': seen.updatedAt,
      },
    },
  };
}

// After a lost race or a retried call: the entry, if it is now in the state the call wanted.
async function getIn(ctx: CatalogContext, id: string, state: FileState): Promise<CatalogEntry | undefined> {
  const entry = await ctx.get(id);
  return entry?.state === state ? entry : undefined;
}
