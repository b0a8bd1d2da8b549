import { monotonicFactory } from 'ulid';
import { BackendUnavailableError, type CatalogEntry, ConflictError } from '@ha-uploads/files';
import { startTestBackends, type TestBackends } from '../testing/local-backends';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';
import { ensureFilesTable } from './ensure-resources';

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

  /** A catalog over a table of its own, so listing tests see only their entries. */
  async function freshCatalog(now?: () => Date): Promise<DynamoDbFileCatalog> {
    const table = `files-${nextId().toLowerCase()}`;
    await ensureFilesTable(backends.clients.dynamodb, table);
    return new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table, now });
  }

  async function storeReady(target: DynamoDbFileCatalog, id = nextId()): Promise<string> {
    await target.putPending(pendingEntry(id));
    await target.markReady(id, { size: 3, sha256: SHA, contentType: 'text/plain' });
    return id;
  }

  describe('transitions', () => {
    it('records a pending entry', async () => {
      const entry = pendingEntry();
      await catalog.putPending(entry);
      expect(await catalog.get(entry.id)).toMatchObject({ ...entry, state: 'PENDING', size: 0, sha256: '' });
    });

    it('lets one complete call claim a session until its claim runs out, and lets go of its own claim only', async () => {
      const entry = { ...pendingEntry(), ownerId: 'owner-a', session: { uploadId: 'u-2', size: 8, partSize: 8, partCount: 1, createdAt: '2026-12-01T11:00:00.000Z' } };
      await catalog.putPending(entry);
      const at = (iso: string) => ({ now: iso, until: new Date(Date.parse(iso) + 300_000).toISOString() });
      const owner = { ownerId: 'owner-a' };
      // the claim answers the session as claimed
      expect((await catalog.claimSessionCompletion(entry.id, at('2026-12-01T12:00:00.000Z'), owner))?.session).toMatchObject({ uploadId: 'u-2', completingUntil: '2026-12-01T12:05:00.000Z' });
      // a second claim within the first one's time is refused, one after it is taken
      expect(await catalog.claimSessionCompletion(entry.id, at('2026-12-01T12:04:59.000Z'), owner)).toBeUndefined();
      const second = at('2026-12-01T12:05:01.000Z');
      expect(await catalog.claimSessionCompletion(entry.id, second, owner)).toBeDefined();
      // the first call, ending late, cannot release the second one's claim; the second can
      await catalog.releaseSessionCompletion(entry.id, '2026-12-01T12:05:00.000Z');
      expect((await catalog.get(entry.id))?.session?.completingUntil).toBe(second.until);
      await catalog.releaseSessionCompletion(entry.id, second.until);
      expect((await catalog.get(entry.id))?.session?.completingUntil).toBeUndefined();
      expect(await catalog.claimSessionCompletion(entry.id, at('2026-12-01T12:05:02.000Z'), owner)).toBeDefined();
    });

    it.each([
      ['another owner', { ownerId: 'owner-b', createdAfter: '2026-12-01T10:00:00.000Z' }],
      ['an expired session', { ownerId: 'owner-a', createdAfter: '2026-12-01T11:00:00.000Z' }],
    ])('claims no session of %s', async (_what, expected) => {
      const entry = { ...pendingEntry(), ownerId: 'owner-a', session: { uploadId: 'u-4', size: 8, partSize: 8, partCount: 1, createdAt: '2026-12-01T11:00:00.000Z' } };
      await catalog.putPending(entry);
      expect(await catalog.claimSessionCompletion(entry.id, { now: '2026-12-01T12:00:00.000Z', until: '2026-12-01T12:05:00.000Z' }, expected)).toBeUndefined();
      expect((await catalog.get(entry.id))?.session?.completingUntil).toBeUndefined();
    });

    it("moves a session's updatedAt when claiming it, so the sweeper's claim on what it saw before fails", async () => {
      const entry = { ...pendingEntry(), ownerId: 'owner-a', session: { uploadId: 'u-6', size: 8, partSize: 8, partCount: 1, createdAt: '2020-01-01T00:00:00.000Z' } };
      await catalog.putPending(entry);
      const seen = await catalog.get(entry.id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const claimed = await catalog.claimSessionCompletion(entry.id, { now: new Date().toISOString(), until: new Date(Date.now() + 300_000).toISOString() }, { ownerId: 'owner-a' });
      expect(claimed?.updatedAt).not.toBe(seen?.updatedAt);
      expect(await catalog.markDeleting(entry.id, { state: 'PENDING', updatedAt: seen?.updatedAt ?? '' })).toBeUndefined();
      expect((await catalog.get(entry.id))?.state).toBe('PENDING');
    });

    it('claims an expired session for its owner when no expiry is asked for (an abort)', async () => {
      const entry = { ...pendingEntry(), ownerId: 'owner-a', session: { uploadId: 'u-5', size: 8, partSize: 8, partCount: 1, createdAt: '2020-01-01T00:00:00.000Z' } };
      await catalog.putPending(entry);
      const claim = { now: '2026-12-01T12:00:00.000Z', until: '2026-12-01T12:05:00.000Z' };
      expect(await catalog.claimSessionCompletion(entry.id, claim, { ownerId: 'owner-b' })).toBeUndefined();
      expect(await catalog.claimSessionCompletion(entry.id, claim, { ownerId: 'owner-a' })).toBeDefined();
    });

    it('rejects a second pending entry with the same id with ConflictError', async () => {
      const entry = pendingEntry();
      await catalog.putPending(entry);
      await expect(catalog.putPending({ ...entry, uploadedAt: new Date(0).toISOString() })).rejects.toBeInstanceOf(ConflictError);
    });

    it('accepts a retried put of the same pending entry (its first attempt landed)', async () => {
      const entry = pendingEntry();
      await catalog.putPending(entry);
      await expect(catalog.putPending(entry)).resolves.toBeUndefined();
      expect(await catalog.get(entry.id)).toMatchObject({ state: 'PENDING', objectKey: entry.objectKey });
    });

    it('returns the READY entry to a retried markReady with the same body', async () => {
      const entry = pendingEntry();
      await catalog.putPending(entry);
      const ready = await catalog.markReady(entry.id, { size: 42, sha256: SHA, contentType: 'image/png' });
      await expect(catalog.markReady(entry.id, { size: 42, sha256: SHA, contentType: 'image/png' })).resolves.toEqual(ready);
    });

    it('rejects markReady for an entry that is READY with another body', async () => {
      const entry = pendingEntry();
      await catalog.putPending(entry);
      await catalog.markReady(entry.id, { size: 42, sha256: SHA, contentType: 'image/png' });
      await expect(catalog.markReady(entry.id, { size: 43, sha256: SHA, contentType: 'image/png' })).rejects.toMatchObject({ code: 'FILE_NOT_PENDING' });
    });

    it('claims an entry for deletion only while it is unchanged since it was seen', async () => {
      const entry = pendingEntry();
      await catalog.putPending(entry);
      const seen = await catalog.get(entry.id);
      if (!seen) throw new Error('the pending entry is missing');
      await catalog.markReady(entry.id, { size: 1, sha256: SHA, contentType: 'text/plain' });
      expect(await catalog.markDeleting(entry.id, { state: seen.state, updatedAt: seen.updatedAt })).toBeUndefined();
      expect((await catalog.get(entry.id))?.state).toBe('READY');
    });

    it('marks a pending entry ready with its size, digest and content type', async () => {
      const entry = pendingEntry();
      await catalog.putPending(entry);
      const ready = await catalog.markReady(entry.id, { size: 42, sha256: SHA, contentType: 'image/png' });
      expect(ready).toMatchObject({ id: entry.id, state: 'READY', size: 42, sha256: SHA, contentType: 'image/png', objectKey: entry.objectKey });
      expect(await catalog.get(entry.id)).toEqual(ready);
    });

    it('refuses to mark an entry ready twice', async () => {
      const id = await storeReady(catalog);
      await expect(catalog.markReady(id, { size: 1, sha256: SHA, contentType: 'text/plain' })).rejects.toBeInstanceOf(ConflictError);
    });

    it('refuses to mark a missing entry ready', async () => {
      await expect(catalog.markReady(nextId(), { size: 1, sha256: SHA, contentType: 'text/plain' })).rejects.toBeInstanceOf(ConflictError);
    });

    it('refuses to mark a deleting entry ready', async () => {
      const entry = pendingEntry();
      await catalog.putPending(entry);
      await catalog.markDeleting(entry.id);
      await expect(catalog.markReady(entry.id, { size: 1, sha256: SHA, contentType: 'text/plain' })).rejects.toBeInstanceOf(ConflictError);
    });

    it('marks a ready entry deleting and returns it', async () => {
      const id = await storeReady(catalog);
      expect(await catalog.markDeleting(id)).toMatchObject({ id, state: 'DELETING', size: 3 });
    });

    it('returns undefined when marking a missing entry deleting, without creating it', async () => {
      const id = nextId();
      expect(await catalog.markDeleting(id)).toBeUndefined();
      expect(await catalog.get(id)).toBeUndefined();
    });

    it('removes an entry, and removing it again is not an error', async () => {
      const id = await storeReady(catalog);
      await catalog.remove(id);
      await expect(catalog.remove(id)).resolves.toBeUndefined();
      expect(await catalog.get(id)).toBeUndefined();
    });
  });

  describe('listReady', () => {
    it('lists ready entries newest first', async () => {
      const target = await freshCatalog();
      const ids = [await storeReady(target), await storeReady(target), await storeReady(target)];
      const { records, hasMore } = await target.listReady({ limit: 10 });
      expect(records.map((r) => r.id)).toEqual([...ids].reverse());
      expect(hasMore).toBe(false);
    });

    it('returns the public record of each entry', async () => {
      const target = await freshCatalog();
      const entry = pendingEntry();
      await target.putPending(entry);
      await target.markReady(entry.id, { size: 3, sha256: SHA, contentType: 'text/plain' });
      const { records } = await target.listReady({ limit: 1 });
      expect(records).toEqual([
        { id: entry.id, name: entry.name, size: 3, contentType: 'text/plain', sha256: SHA, uploadedAt: entry.uploadedAt, uploadedBy: 'i-test' },
      ]);
    });

    it('hides pending and deleting entries', async () => {
      const target = await freshCatalog();
      const visible = await storeReady(target);
      await target.putPending(pendingEntry());
      await target.markDeleting(await storeReady(target));
      await target.putPending(pendingEntry());
      const { records, hasMore } = await target.listReady({ limit: 10 });
      expect(records.map((r) => r.id)).toEqual([visible]);
      expect(hasMore).toBe(false);
    });

    it('pages through every ready entry exactly once across several pages', async () => {
      // GIVEN 23 ready entries interleaved with hidden ones
      const target = await freshCatalog();
      const ids: string[] = [];
      for (let i = 0; i < 23; i++) {
        ids.push(await storeReady(target));
        if (i % 4 === 0) await target.putPending(pendingEntry());
      }
      // WHEN paging 5 at a time with the last id as the cursor
      const pages: string[][] = [];
      let before: string | undefined;
      for (;;) {
        const page = await target.listReady({ limit: 5, before });
        pages.push(page.records.map((r) => r.id));
        if (!page.hasMore) break;
        before = page.records[page.records.length - 1].id;
      }
      // THEN
      expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
      expect(pages.flat()).toEqual([...ids].reverse());
    });

    it('reports hasMore when exactly one more ready entry exists', async () => {
      const target = await freshCatalog();
      await storeReady(target);
      await storeReady(target);
      expect((await target.listReady({ limit: 1 })).hasMore).toBe(true);
      expect((await target.listReady({ limit: 2 })).hasMore).toBe(false);
    });

    it('lists an empty table as an empty page', async () => {
      const target = await freshCatalog();
      expect(await target.listReady({ limit: 50 })).toEqual({ records: [], hasMore: false });
    });
  });

  describe('listStale', () => {
    it('yields pending and deleting entries last changed before the cut-off, and no ready ones', async () => {
      // GIVEN entries written at a pinned old time, then one written now
      let clock = new Date('2020-01-01T00:00:00Z');
      const target = await freshCatalog(() => clock);
      const pending = pendingEntry();
      await target.putPending(pending);
      const deleting = await storeReady(target);
      await target.markDeleting(deleting);
      const ready = await storeReady(target);
      clock = new Date('2030-01-01T00:00:00Z');
      const recent = pendingEntry();
      await target.putPending(recent);
      // WHEN
      const stale: CatalogEntry[] = [];
      for await (const entry of target.listStale(new Date('2025-01-01T00:00:00Z'))) stale.push(entry);
      // THEN
      expect(stale.map((e) => [e.id, e.state]).sort()).toEqual(
        [
          [pending.id, 'PENDING'],
          [deleting, 'DELETING'],
        ].sort(),
      );
      expect(stale.map((e) => e.id)).not.toContain(ready);
    });

    it('yields full entries with their object keys', async () => {
      const target = await freshCatalog(() => new Date('2020-01-01T00:00:00Z'));
      const entry = pendingEntry();
      await target.putPending(entry);
      const stale: CatalogEntry[] = [];
      for await (const e of target.listStale(new Date())) stale.push(e);
      expect(stale).toEqual([{ ...entry, state: 'PENDING', size: 0, sha256: '', updatedAt: '2020-01-01T00:00:00.000Z' }]);
    });
  });

  describe('ping', () => {
    it('resolves while DynamoDB answers and the table exists', async () => {
      await expect(catalog.ping()).resolves.toBeUndefined();
    });

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
