import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { useTestBackends } from '../testing/use-test-backends';
import { ensureResources } from './ensure-resources';
import { FILES_TABLE_DEFINITION, FILES_TABLE_SCHEMA, LIMITS_TABLE_SCHEMA } from '@ha-uploads/config';

describe('ensureResources', () => {
  const backends = useTestBackends();

  it('creates a missing bucket and an ACTIVE table with the stale-entries index', async () => {
    await ensureResources(backends.clients, { bucket: 'created-bucket', table: 'created-table' });
    await expect(backends.clients.s3.send(new HeadBucketCommand({ Bucket: 'created-bucket' }))).resolves.toBeDefined();
    const { Table } = await backends.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'created-table' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual([FILES_TABLE_SCHEMA.staleIndex]);
  });

  it('creates the keys, attributes and index of the shared files-table definition', async () => {
    // GIVEN
    const d = FILES_TABLE_DEFINITION;
    // WHEN
    await ensureResources(backends.clients, { bucket: 'defined-bucket', table: 'defined-table' });
    const { Table } = await backends.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'defined-table' }));
    // THEN
    expect(Table?.KeySchema).toEqual([
      { AttributeName: d.hashKey, KeyType: 'HASH' },
      { AttributeName: d.rangeKey, KeyType: 'RANGE' },
    ]);
    expect(new Set(Table?.AttributeDefinitions?.map((a) => `${a.AttributeName}:${a.AttributeType}`))).toEqual(
      new Set(d.attributes.map((a) => `${a.name}:${a.type}`)),
    );
    expect(
      Table?.GlobalSecondaryIndexes?.map((i) => ({
        name: i.IndexName,
        keys: i.KeySchema,
        projection: i.Projection?.ProjectionType,
      })),
    ).toEqual(
      d.globalSecondaryIndexes.map((i) => ({
        name: i.name,
        keys: [
          { AttributeName: i.hashKey, KeyType: 'HASH' },
          { AttributeName: i.rangeKey, KeyType: 'RANGE' },
        ],
        projection: i.projectionType,
      })),
    );
  });

  it('creates the limits table keyed by the shared partition key when asked', async () => {
    // WHEN
    await ensureResources(backends.clients, {
      bucket: 'limits-bucket',
      table: 'limits-files',
      limitsTable: 'created-limits',
    });
    const { Table } = await backends.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'created-limits' }));
    // THEN
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([{ AttributeName: LIMITS_TABLE_SCHEMA.partitionKey, KeyType: 'HASH' }]);
  });

  it('enables TTL on the limits table’s expiry attribute', async () => {
    // WHEN
    await ensureResources(backends.clients, { bucket: 'ttl-bucket', table: 'ttl-files', limitsTable: 'ttl-limits' });
    // THEN
    const { TimeToLiveDescription } = await backends.clients.dynamodb.send(
      new DescribeTimeToLiveCommand({ TableName: 'ttl-limits' }),
    );
    expect(TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: LIMITS_TABLE_SCHEMA.ttlAttribute,
    });
  });

  it('leaves an existing limits table’s TTL as it is', async () => {
    await expect(
      ensureResources(backends.clients, {
        bucket: backends.bucket,
        table: backends.table,
        limitsTable: backends.limitsTable,
      }),
    ).resolves.toBeUndefined();
  });

  it('leaves existing resources alone', async () => {
    await expect(
      ensureResources(backends.clients, { bucket: backends.bucket, table: backends.table }),
    ).resolves.toBeUndefined();
  });
});
