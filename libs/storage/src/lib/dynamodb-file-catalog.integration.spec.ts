import { monotonicFactory } from 'ulid';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { BackendUnavailableError, sweep } from '@ha-uploads/files';
import { putCrashedUpload } from '../testing/catalog-seed';
import { useTestBackends } from '../testing/use-test-backends';
import { listedItems } from './catalog-item';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';
import { FILES_TABLE_SCHEMA } from './files-table';

const nextId = monotonicFactory();

describe('DynamoDbFileCatalog against dynalite', () => {
  const backends = useTestBackends();
  let catalog: DynamoDbFileCatalog;

  beforeAll(async () => {
    catalog = backends.catalog;
  });

  describe('an upload that crashed between its listed copies and its READY flip', () => {
    it.each([
      ['every group', [0, 1]],
      ['group 0 only', [0]],
      ['group 1 only', [1]],
    ])('is finished by the sweep from a copy in %s, listed by both groups, not deleted', async (_name, groups) => {
      // GIVEN a PENDING entry two hours old whose listed copies were (partly) written before the crash
      const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
      const id = nextId();
      const at = twoHoursAgo.toISOString();
      await putCrashedUpload(backends.clients.dynamodb, backends.table, id, twoHoursAgo);
      const copy = {
        id,
        name: 'crashed.bin',
        size: 5,
        contentType: 'application/octet-stream',
        sha256: 'ab'.repeat(32),
        uploadedAt: at,
        uploadedBy: 'i-gone',
      };
      const copies = listedItems(copy, { shards: FILES_TABLE_SCHEMA.shardCount, replicas: 2 });
      for (const g of groups)
        await backends.clients.dynamodb.send(new PutCommand({ TableName: backends.table, Item: copies[g] }));
      // WHEN the sweeper runs with a one-hour grace period
      await sweep({ catalog, blobs: backends.blobStore, graceSeconds: 3600 });
      // THEN the entry is READY with the copy's body, and listed by two pages in a row (one per group)
      const entry = await catalog.get(id);
      const pages = [await catalog.listReady({ limit: 50 }), await catalog.listReady({ limit: 50 })];
      expect({
        state: entry?.state,
        size: entry?.size,
        listed: pages.map((page) => page.records.some((r) => r.id === id)),
      }).toEqual({
        state: 'READY',
        size: 5,
        listed: [true, true],
      });
    });
  });

  // The port's other behaviour is in src/contract/file-catalog.contract.ts, run against this adapter and the fake.
  describe('ping', () => {
    it('fails with BackendUnavailableError when the table is missing', async () => {
      const missing = new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table: 'no-such-table' });
      await expect(missing.ping()).rejects.toBeInstanceOf(BackendUnavailableError);
    });

    it('fails with BackendUnavailableError while DynamoDB is stopped, and recovers after a restart', async () => {
      await backends.stopDynamo();
      try {
        await expect(catalog.ping()).rejects.toBeInstanceOf(BackendUnavailableError);
        await expect(catalog.get(nextId())).rejects.toBeInstanceOf(BackendUnavailableError);
      } finally {
        await backends.startDynamo();
      }
      await expect(catalog.ping()).resolves.toBeUndefined();
    });
  });
});
