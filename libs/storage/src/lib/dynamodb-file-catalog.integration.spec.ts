import { monotonicFactory } from 'ulid';
import { BackendUnavailableError, type CatalogEntry } from '@ha-uploads/files';
import { startTestBackends, type TestBackends } from '../testing/local-backends';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';

type PendingEntry = Omit<CatalogEntry, 'state' | 'size' | 'sha256' | 'updatedAt'>;

const nextId = monotonicFactory();
const SHA = 'a'.repeat(64);

function pendingEntry(id = nextId()): PendingEntry {
  return {
    id,
    name: `file-${id}.txt`,
    contentType: 'text/plain',
    uploadedAt: new Date().toISOString(),
    uploadedBy: 'i-test',
    objectKey: `objects/${id}`,
  };
}

describe('DynamoDbFileCatalog against dynalite', () => {
  let backends: TestBackends;
  let catalog: DynamoDbFileCatalog;

  beforeAll(async () => {
    backends = await startTestBackends();
    catalog = backends.catalog;
  });

  afterAll(async () => {
    await backends.stop();
  });

  async function storeReady(target: DynamoDbFileCatalog, id = nextId()): Promise<string> {
    await target.putPending(pendingEntry(id));
    await target.markReady(id, { size: 3, sha256: SHA, contentType: 'text/plain' });
    return id;
  }

  // The port's other behaviour is in src/contract/file-catalog.contract.ts, run against this adapter and the fake.
  describe('recordSessionParts', () => {
    it('records a batch of confirmed parts in a session in one write, merging with earlier ones', async () => {
      // GIVEN a pending session of owner-a and part 1 confirmed
      const createdAt = new Date().toISOString();
      const entry = { ...pendingEntry(), ownerId: 'owner-a', session: { uploadId: 'u-1', size: 3 * 8, partSize: 8, partCount: 3, createdAt, parts: {} } };
      await catalog.putPending(entry);
      const expected = { ownerId: 'owner-a', createdAfter: new Date(Date.parse(createdAt) - 1000).toISOString(), partCount: 3 };
      const part = (partNumber: number, etag: string) => ({ partNumber, etag, checksum: 'c'.repeat(43) + '=' });
      expect(await catalog.recordSessionParts(entry.id, [part(1, '"one"')], expected)).toBe(true);
      // WHEN parts 2 and 3 are confirmed together, and part 1 again with a new ETag
      expect(await catalog.recordSessionParts(entry.id, [part(2, '"two"'), part(3, '"three"'), part(1, '"one-again"')], expected)).toBe(true);
      // THEN the session holds all three, part 1 as last confirmed
      const parts = (await catalog.get(entry.id))?.session?.parts ?? {};
      expect(Object.values(parts).map((p) => [p.partNumber, p.etag]).sort()).toEqual([[1, '"one-again"'], [2, '"two"'], [3, '"three"']]);
    });

    it.each([
      ['another owner', { ownerId: 'owner-b' }],
      ['a session created before the expiry cutoff', { createdAfter: '2026-12-01T12:00:00.000Z' }],
      ['a part number past the session', { partCount: 4 }],
    ])('records no parts for %s, in the write itself', async (_what, change) => {
      // GIVEN a 3-part session of owner-a created at noon
      const createdAt = '2026-12-01T12:00:00.000Z';
      const entry = { ...pendingEntry(), ownerId: 'owner-a', session: { uploadId: 'u-3', size: 3 * 8, partSize: 8, partCount: 3, createdAt, parts: {} } };
      await catalog.putPending(entry);
      const expected = { ownerId: 'owner-a', createdAfter: '2026-12-01T11:00:00.000Z', partCount: 3, ...change };
      // WHEN a confirmation expects what the session is not / THEN refused, nothing recorded
      expect(await catalog.recordSessionParts(entry.id, [{ partNumber: 1, etag: '"e"', checksum: 'c'.repeat(43) + '=' }], expected)).toBe(false);
      expect((await catalog.get(entry.id))?.session?.parts).toEqual({});
    });

    it('records no parts in an entry that is not a pending session', async () => {
      const id = await storeReady(catalog);
      const expected = { ownerId: 'owner-a', createdAfter: '2026-01-01T00:00:00.000Z', partCount: 1 };
      expect(await catalog.recordSessionParts(id, [{ partNumber: 1, etag: '"e"', checksum: 'c'.repeat(43) + '=' }], expected)).toBe(false);
      expect((await catalog.get(id))?.session).toBeUndefined();
    });
  });

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
