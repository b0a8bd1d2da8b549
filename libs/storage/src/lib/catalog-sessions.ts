import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type CatalogEntry, ConflictError } from '@ha-uploads/files';
import type { CatalogContext } from './catalog-context';
import { type CatalogItem, entryFromItem, itemKey, limboPartition } from './catalog-item';
import { targetOf } from './catalog-move';
import { conditionalWrite } from './catalog-writes';
import { FILES_TABLE_SCHEMA as S } from './files-table';

// The catalog's upload sessions: a PENDING entry, and the claims that keep two completions of one upload apart.

/** Records a new upload as PENDING (in the sweeper's index) unless its id exists; a retry meeting itself succeeds. */
export async function putPending(
  ctx: CatalogContext,
  entry: Omit<CatalogEntry, 'state' | 'size' | 'sha256' | 'updatedAt' | 'deletedAt'>,
): Promise<void> {
  const { id, ...rest } = entry;
  const { shards } = targetOf(await ctx.layouts.get());
  const item: CatalogItem = {
    ...itemKey(id, shards),
    ...rest,
    size: 0,
    state: 'PENDING',
    [S.staleIndexSortKey]: ctx.timestamp(),
    [S.staleIndexPartitionKey]: limboPartition(S.limboValue, id, shards),
  };
  await conditionalWrite(
    async () => {
      await ctx.db.send(
        new PutCommand({
          TableName: ctx.table,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': S.partitionKey },
        }),
      );
    },
    async () => {
      // A retry after a lost answer meets its own first attempt: that is success, not a conflict.
      const existing = await ctx.get(id);
      if (
        existing?.state === 'PENDING' &&
        existing.objectKey === entry.objectKey &&
        existing.uploadedAt === entry.uploadedAt
      )
        return;
      throw new ConflictError(`A file with id ${id} already exists.`, 'FILE_EXISTS');
    },
  );
}

/** Claims a PENDING upload's completion until `claim.until` for its owner; undefined when another holds it. */
export async function claimSessionCompletion(
  ctx: CatalogContext,
  id: string,
  claim: { now: string; until: string },
  expected: { readonly ownerId: string; readonly createdAfter?: string },
): Promise<CatalogEntry | undefined> {
  await ctx.settleWhileMoving(id);
  const claimed = await updateSession(ctx, id, {
    // A new updatedAt too: the sweeper's claim (conditional on the updatedAt it saw) then fails for a session that
    // a complete or abort has taken since, and its stale listing leaves it out for the grace period.
    update: 'SET #session.#until = :until, #updatedAt = :claimedAt',
    condition: [
      '(attribute_not_exists(#session.#until) OR #session.#until < :now) AND #owner = :owner',
      ...(expected.createdAfter !== undefined ? ['#session.#createdAt > :createdAfter'] : []),
    ].join(' AND '),
    names: {
      '#until': 'completingUntil',
      '#updatedAt': S.staleIndexSortKey,
      '#owner': 'ownerId',
      ...(expected.createdAfter !== undefined && { '#createdAt': 'createdAt' }),
    },
    values: {
      ':until': claim.until,
      ':now': claim.now,
      ':claimedAt': ctx.timestamp(),
      ':owner': expected.ownerId,
      ...(expected.createdAfter !== undefined && {
        ':createdAfter': expected.createdAfter,
      }),
    },
    returnEntry: true,
  });
  return claimed && entryFromItem(claimed);
}

/** Gives back the completion claim taken until `until`, if it is still that one. */
export async function releaseSessionCompletion(ctx: CatalogContext, id: string, until: string): Promise<void> {
  // Only the claim this call took: a later call's claim (this one ran past its time) stays.
  await ctx.settleWhileMoving(id);
  await updateSession(ctx, id, {
    update: 'REMOVE #session.#until',
    condition: '#session.#until = :until',
    names: { '#until': 'completingUntil' },
    values: { ':until': until },
  });
}

/**
 * One conditional update of a PENDING entry's session (and, if given, a further condition): the item as updated
 * when `returnEntry`, else an empty object; undefined when the condition fails.
 */
async function updateSession(
  ctx: CatalogContext,
  id: string,
  change: {
    update: string;
    condition?: string;
    names: Record<string, string>;
    values?: Record<string, unknown>;
    returnEntry?: boolean;
  },
): Promise<Record<string, unknown> | undefined> {
  const { shards } = targetOf(await ctx.layouts.get());
  return conditionalWrite<Record<string, unknown> | undefined>(
    async () => {
      const out = await ctx.db.send(
        new UpdateCommand({
          TableName: ctx.table,
          Key: itemKey(id, shards),
          UpdateExpression: change.update,
          ConditionExpression: ['attribute_exists(#session) AND #state = :pending', change.condition]
            .filter(Boolean)
            .join(' AND '),
          ExpressionAttributeNames: {
            ...change.names,
            '#session': 'session',
            '#state': 'state',
          },
          ExpressionAttributeValues: {
            ...change.values,
            ':pending': 'PENDING',
          },
          ...(change.returnEntry && { ReturnValues: 'ALL_NEW' as const }),
        }),
      );
      return out.Attributes ?? {};
    },
    async () => undefined,
  );
}
