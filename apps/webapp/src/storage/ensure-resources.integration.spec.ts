import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { startTestBackends, type TestBackends } from '../testing/local-backends';
import { ensureResources } from './ensure-resources';
import { FILES_TABLE_SCHEMA } from './files-table';

describe('ensureResources', () => {
  let backends: TestBackends;

  beforeAll(async () => {
    backends = await startTestBackends();
  });

  afterAll(async () => {
    await backends.stop();
  });

  it('creates a missing bucket and an ACTIVE table with the stale-entries index', async () => {
    await ensureResources(backends.clients, { bucket: 'created-bucket', table: 'created-table' });
    await expect(backends.clients.s3.send(new HeadBucketCommand({ Bucket: 'created-bucket' }))).resolves.toBeDefined();
    const { Table } = await backends.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'created-table' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual([FILES_TABLE_SCHEMA.staleIndex]);
  });

  it('leaves existing resources alone', async () => {
    await expect(ensureResources(backends.clients, { bucket: backends.bucket, table: backends.table })).resolves.toBeUndefined();
  });
});
