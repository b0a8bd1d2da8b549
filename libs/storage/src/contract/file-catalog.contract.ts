import { ConflictError, type FileCatalog, type FileChecksum } from '@ha-uploads/files';
import {
  type CatalogUnderTest,
  nextId,
  pendingEntry,
  sessionCreatedAt,
  SHA,
  storeReady,
  TestClock,
} from './catalog-fixtures';
import { describeCatalogListing } from './file-catalog-listing.contract';
import { describeCatalogScan } from './file-catalog-scan.contract';
import { describeCatalogSessions } from './file-catalog-sessions.contract';
import { describeCatalogTrash } from './file-catalog-trash.contract';

/** The catalogs one contract run may open, and the clock they all read. */
export interface CatalogContext {
  readonly clock: TestClock;
  /** A catalog shared by the tests that never list. */
  readonly shared: FileCatalog;
  /** A catalog over a store of its own, for tests that list. */
  fresh(): Promise<FileCatalog>;
}

/**
 * The FileCatalog port's behaviour, one test each,
 * run against the in-memory fake and the DynamoDB adapter alike so they cannot drift.
 */
export function describeFileCatalogContract(name: string, start: () => Promise<CatalogUnderTest>): void {
  describe(`FileCatalog contract: ${name}`, () => {
    let underTest: CatalogUnderTest | undefined;
    let context: CatalogContext | undefined;
    const ctx = (): CatalogContext => {
      if (!context) throw new Error('the catalog under test did not start');
      return context;
    };

    beforeAll(async () => {
      const opened = await start();
      underTest = opened;
      const clock = new TestClock();
      context = { clock, shared: await opened.open(clock.now), fresh: () => opened.open(clock.now) };
    });

    afterAll(async () => {
      await underTest?.stop();
    });

    describeCatalogTransitions(ctx);
    describeCatalogSessions(ctx);
    describeCatalogListing(ctx);
    describeCatalogTrash(ctx);
    describeCatalogScan(ctx);
  });
}

function describeCatalogTransitions(ctx: () => CatalogContext): void {
  describe('transitions', () => {
    const catalog = () => ctx().shared;

    it('records a pending entry with no size or digest yet', async () => {
      const entry = pendingEntry({ ownerId: 'owner-a' });
      await catalog().putPending(entry);
      expect(await catalog().get(entry.id)).toEqual({
        ...entry,
        state: 'PENDING',
        size: 0,
        sha256: '',
        updatedAt: ctx().clock.iso(),
      });
    });

    it('refuses a second pending entry with the same id with FILE_EXISTS', async () => {
      const entry = pendingEntry();
      await catalog().putPending(entry);
      const second = catalog().putPending({ ...entry, uploadedAt: '2026-12-01T00:00:00.000Z' });
      await expect(second).rejects.toBeInstanceOf(ConflictError);
      await expect(second).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    });

    it('accepts a retried put of the same pending entry', async () => {
      const entry = pendingEntry();
      await catalog().putPending(entry);
      await expect(catalog().putPending(entry)).resolves.toBeUndefined();
    });

    it('marks a pending entry ready with its size, digest and content type', async () => {
      const entry = pendingEntry();
      await catalog().putPending(entry);
      const ready = await catalog().markReady(entry.id, { size: 42, sha256: SHA, contentType: 'image/png' });
      expect(ready).toEqual({
        ...entry,
        state: 'READY',
        size: 42,
        sha256: SHA,
        contentType: 'image/png',
        updatedAt: ctx().clock.iso(),
      });
    });

    it('reads back the entry markReady answered', async () => {
      const entry = pendingEntry();
      await catalog().putPending(entry);
      const ready = await catalog().markReady(entry.id, { size: 42, sha256: SHA, contentType: 'image/png' });
      expect(await catalog().get(entry.id)).toEqual(ready);
    });

    it('keeps the checksum markReady is given and drops the session', async () => {
      const entry = pendingEntry({ session: sessionCreatedAt('2026-12-01T11:00:00.000Z') });
      await catalog().putPending(entry);
      const checksum: FileChecksum = { algorithm: 'SHA256', type: 'COMPOSITE', value: `${'c'.repeat(43)}=-1` };
      const ready = await catalog().markReady(entry.id, { size: 8, sha256: SHA, contentType: 'text/plain', checksum });
      expect({ checksum: ready.checksum, session: ready.session }).toEqual({ checksum, session: undefined });
    });

    it('answers a retried markReady with the same body with the READY entry', async () => {
      const entry = pendingEntry();
      await catalog().putPending(entry);
      const ready = await catalog().markReady(entry.id, { size: 42, sha256: SHA, contentType: 'image/png' });
      await expect(catalog().markReady(entry.id, { size: 42, sha256: SHA, contentType: 'image/png' })).resolves.toEqual(
        ready,
      );
    });

    it('refuses markReady of an entry READY with another body with FILE_NOT_PENDING', async () => {
      const id = await storeReady(catalog());
      await expect(catalog().markReady(id, { size: 4, sha256: SHA, contentType: 'text/plain' })).rejects.toMatchObject({
        code: 'FILE_NOT_PENDING',
      });
    });

    it('refuses markReady of a missing entry with FILE_NOT_PENDING', async () => {
      await expect(
        catalog().markReady(nextId(), { size: 1, sha256: SHA, contentType: 'text/plain' }),
      ).rejects.toMatchObject({ code: 'FILE_NOT_PENDING' });
    });

    it('refuses markReady of a deleting entry', async () => {
      const entry = pendingEntry();
      await catalog().putPending(entry);
      await catalog().markDeleting(entry.id);
      await expect(
        catalog().markReady(entry.id, { size: 1, sha256: SHA, contentType: 'text/plain' }),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('marks a ready entry deleting and answers it', async () => {
      const id = await storeReady(catalog());
      ctx().clock.advance(1000);
      expect(await catalog().markDeleting(id)).toMatchObject({
        id,
        state: 'DELETING',
        size: 3,
        updatedAt: ctx().clock.iso(),
      });
    });

    it('answers undefined when marking a missing entry deleting, and creates nothing', async () => {
      const id = nextId();
      expect(await catalog().markDeleting(id)).toBeUndefined();
      expect(await catalog().get(id)).toBeUndefined();
    });

    it('claims an entry for deletion only while it is unchanged since it was seen', async () => {
      const entry = pendingEntry();
      await catalog().putPending(entry);
      const seen = await catalog().get(entry.id);
      ctx().clock.advance(1000);
      await catalog().markReady(entry.id, { size: 1, sha256: SHA, contentType: 'text/plain' });
      expect(
        await catalog().markDeleting(entry.id, { state: 'PENDING', updatedAt: seen?.updatedAt ?? '' }),
      ).toBeUndefined();
    });

    it('removes an entry, and removing it again is not an error', async () => {
      const id = await storeReady(catalog());
      await catalog().remove(id);
      await expect(catalog().remove(id)).resolves.toBeUndefined();
      expect(await catalog().get(id)).toBeUndefined();
    });

    it('answers ping while the store is up', async () => {
      await expect(catalog().ping()).resolves.toBeUndefined();
    });
  });
}
