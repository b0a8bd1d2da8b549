import { EVERY_OWNER } from '@ha-uploads/files';
import { eventuallyConsistentReads } from './command-recorder';
import { pendingEntry, SHA, TestClock } from './catalog-fixtures';
import { describeFileCatalogContract } from './file-catalog.contract';
import { dynamoDbCatalogs, inMemoryCatalogs } from './port-bindings';
import { type DynamoDbTarget, localDynamoDbTarget } from './dynamodb-targets';
import { DynamoDbFileCatalog } from '../lib/dynamodb-file-catalog';

describeFileCatalogContract('InMemoryFileCatalog', inMemoryCatalogs);
describeFileCatalogContract('DynamoDbFileCatalog on the local DynamoDB', dynamoDbCatalogs(localDynamoDbTarget));

// dynalite reads are always consistent, which AWS's eventually consistent reads are not: instead of a stand-in that
// serves stale reads, prove the adapter never asks for one where the port promises read-your-write.
describe('DynamoDbFileCatalog reads', () => {
  let target: DynamoDbTarget;
  beforeAll(async () => {
    target = await localDynamoDbTarget();
  });
  afterAll(async () => {
    await target.stop();
  });

  it('asks for strong consistency on every read of the files table', async () => {
    const clock = new TestClock();
    const catalog = new DynamoDbFileCatalog({
      dynamodb: target.dynamodb,
      table: await target.filesTable(),
      now: clock.now,
    });
    const entry = pendingEntry({ ownerId: 'owner-a' });
    await catalog.putPending(entry);
    await catalog.putPending(entry);
    await catalog.markReady(entry.id, { size: 1, sha256: SHA, contentType: 'text/plain' });
    await catalog.markReady(entry.id, { size: 1, sha256: SHA, contentType: 'text/plain' });
    await catalog.get(entry.id);
    await catalog.listReady({ limit: 1, before: 'zzz' });
    await catalog.markTrashed(entry.id);
    await catalog.markTrashed(entry.id);
    await catalog.listTrash({ owner: 'owner-a', limit: 5 });
    await catalog.listTrash({ owner: EVERY_OWNER, limit: 5 });
    await catalog.markRestored(entry.id);
    await catalog.markRestored(entry.id);
    expect(eventuallyConsistentReads(target.commands)).toEqual([]);
  });
});
