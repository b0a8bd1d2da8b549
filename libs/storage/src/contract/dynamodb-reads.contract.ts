import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { setTimeout as delay } from 'node:timers/promises';
import { FILES_TABLE_SCHEMA } from '../lib/files-table';
import { type BehaviourTables, fileKey } from './behaviour-tables';

/** How long a global secondary index may take to show a write on AWS before the test gives up. */
const INDEX_LAG_LIMIT_MS = 60_000;

/** Strongly consistent reads, Query order and pagination, and the sparse stale index. */
export function describeReads(tables: () => BehaviourTables): void {
  describe('reads', () => {
    const db = () => tables().target.dynamodb;
    const put = (key: { pk: string; sk: string }, attributes: Record<string, unknown> = {}) =>
      db().send(new PutCommand({ TableName: tables().files, Item: { ...key, ...attributes } }));
    const query = (pk: string, options: Partial<ConstructorParameters<typeof QueryCommand>[0]> = {}) => {
      const { ExpressionAttributeNames: names, ExpressionAttributeValues: values, ...rest } = options;
      return db().send(
        new QueryCommand({
          TableName: tables().files,
          ConsistentRead: true,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'pk', ...names },
          ExpressionAttributeValues: { ':pk': pk, ...values },
          ...rest,
        }),
      );
    };
    const sortKeys = (out: QueryCommandOutput) => (out.Items ?? []).map((item) => item['sk']);

    it('reads its own write with a strongly consistent GetItem', async () => {
      const key = fileKey('get-own-write', 'a');
      await put(key, { state: 'READY' });
      const { Item } = await db().send(new GetCommand({ TableName: tables().files, Key: key, ConsistentRead: true }));
      expect(Item).toEqual({ ...key, state: 'READY' });
    });

    it('lists its own write with a strongly consistent Query', async () => {
      const key = fileKey('query-own-write', 'a');
      await put(key);
      expect(sortKeys(await query(key.pk))).toEqual(['a']);
    });

    it('returns the newest sort keys first with ScanIndexForward false', async () => {
      const pk = fileKey('newest-first', '').pk;
      await Promise.all(['01', '03', '02'].map((sk) => put({ pk, sk })));
      expect(sortKeys(await query(pk, { ScanIndexForward: false }))).toEqual(['03', '02', '01']);
    });

    it('counts Limit before the filter and answers where it stopped', async () => {
      const pk = fileKey('limit-then-filter', '').pk;
      await Promise.all([
        put({ pk, sk: '1' }, { state: 'READY' }),
        put({ pk, sk: '2' }, { state: 'PENDING' }),
        put({ pk, sk: '3' }, { state: 'READY' }),
      ]);
      const out = await query(pk, {
        Limit: 2,
        FilterExpression: '#state = :ready',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':ready': 'READY' },
      });
      expect({ sortKeys: sortKeys(out), lastKey: out.LastEvaluatedKey }).toEqual({
        sortKeys: ['1'],
        lastKey: { pk, sk: '2' },
      });
    });

    it('continues after ExclusiveStartKey', async () => {
      const pk = fileKey('start-key', '').pk;
      await Promise.all(['1', '2', '3'].map((sk) => put({ pk, sk })));
      const out = await query(pk, { ExclusiveStartKey: { pk, sk: '1' } });
      expect(sortKeys(out)).toEqual(['2', '3']);
    });

    it('answers no LastEvaluatedKey once the partition is read to its end', async () => {
      const pk = fileKey('read-to-end', '').pk;
      await put({ pk, sk: '1' });
      expect((await query(pk, { Limit: 5 })).LastEvaluatedKey).toBeUndefined();
    });

    it('finds sort keys by prefix with begins_with', async () => {
      const pk = fileKey('prefix', '').pk;
      await Promise.all(['alice#1', 'alice#2', 'alicia#3'].map((sk) => put({ pk, sk })));
      const out = await query(pk, {
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :owner)',
        ExpressionAttributeNames: { '#sk': 'sk' },
        ExpressionAttributeValues: { ':owner': 'alice#' },
      });
      expect(sortKeys(out)).toEqual(['alice#1', 'alice#2']);
    });

    it('reads several keys strongly consistently with BatchGetItem', async () => {
      const [a, b] = [fileKey('batch', 'a'), fileKey('batch', 'b')];
      await Promise.all([put(a), put(b)]);
      const out = await db().send(
        new BatchGetCommand({
          RequestItems: { [tables().files]: { Keys: [a, b, fileKey('batch', 'none')], ConsistentRead: true } },
        }),
      );
      expect((out.Responses?.[tables().files] ?? []).map((item) => item['sk']).sort()).toEqual(['a', 'b']);
    });

    it('indexes only the items that carry the stale index keys', async () => {
      const limbo = 'contract-sparse';
      await put(fileKey('sparse', 'unindexed'), { updatedAt: '2026-12-01T00:00:00Z' });
      await put(fileKey('sparse', 'indexed'), { limbo, updatedAt: '2026-12-01T00:00:00Z' });
      const indexed = await indexedSortKeys(tables, limbo);
      expect(indexed).toEqual(['indexed']);
    });
  });
}

// A global secondary index is eventually consistent on AWS: query it until the indexed item shows, within a bound.
async function indexedSortKeys(tables: () => BehaviourTables, limbo: string): Promise<unknown[]> {
  const deadline = Date.now() + INDEX_LAG_LIMIT_MS;
  for (;;) {
    const out = await tables().target.dynamodb.send(
      new QueryCommand({
        TableName: tables().files,
        IndexName: FILES_TABLE_SCHEMA.staleIndex,
        KeyConditionExpression: '#limbo = :limbo',
        ExpressionAttributeNames: { '#limbo': FILES_TABLE_SCHEMA.staleIndexPartitionKey },
        ExpressionAttributeValues: { ':limbo': limbo },
      }),
    );
    if ((out.Items ?? []).length > 0 || Date.now() > deadline) return (out.Items ?? []).map((item) => item['sk']);
    await delay(500);
  }
}
