import { monotonicFactory } from 'ulid';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { startTestBackends, type TestBackends } from '../testing/local-backends';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';

const nextId = monotonicFactory();
const SHA = 'b'.repeat(64);

// The trash as the port promises it is in src/contract/file-catalog-trash.contract.ts; this is the adapter's own
// crash ordering, which no port call can produce.
describe('DynamoDbFileCatalog trash pointers against the local DynamoDB', () => {
  let backends: TestBackends;

  beforeAll(async () => {
    backends = await startTestBackends();
  });

  afterAll(async () => {
    await backends.stop();
  });

  it('skips a pointer a crash left behind after a restore', async () => {
    // GIVEN a restore that crashed after listing the file again, before removing its pointer
    const catalog = new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table: backends.table });
    const id = nextId();
    await catalog.putPending({
      id,
      name: `${id}.txt`,
      contentType: 'text/plain',
      uploadedAt: new Date().toISOString(),
      uploadedBy: 'i',
      objectKey: `files/${id}`,
      ownerId: 'owner-a',
    });
    await catalog.markReady(id, { size: 1, sha256: SHA, contentType: 'text/plain' });
    const trashed = await catalog.markTrashed(id);
    await catalog.markRestored(id);
    await backends.clients.dynamodb.send(
      new PutCommand({
        TableName: backends.table,
        Item: { pk: 'trash', sk: `owner-a#${id}`, fileId: id, deletedAt: trashed?.deletedAt },
      }),
    );
    // THEN the trash does not show the listed file
    expect(await catalog.listTrash({ owner: 'owner-a', limit: 10 })).toEqual([]);
  });
});
