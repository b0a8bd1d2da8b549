import { everyReadyPage } from '../testing/catalog-pages';
import { collect, pendingEntry, SHA, storeReady } from './catalog-fixtures';
import type { CatalogContext } from './file-catalog.contract';

/** listReady's pages and listStale's sweep, each on a store of its own. */
export function describeCatalogListing(ctx: () => CatalogContext): void {
  describe('listReady', () => {
    it('lists ready entries newest first', async () => {
      const catalog = await ctx().fresh();
      const ids = [await storeReady(catalog), await storeReady(catalog), await storeReady(catalog)];
      expect(await catalog.listReady({ limit: 10 })).toEqual({
        records: [...ids].reverse().map((id) => expect.objectContaining({ id })),
        hasMore: false,
      });
    });

    it('lists the public record and owner of each entry, nothing more', async () => {
      const catalog = await ctx().fresh();
      const entry = pendingEntry({ ownerId: 'owner-a' });
      await catalog.putPending(entry);
      await catalog.markReady(entry.id, { size: 3, sha256: SHA, contentType: 'text/plain' });
      expect((await catalog.listReady({ limit: 1 })).records).toEqual([
        {
          id: entry.id,
          name: entry.name,
          size: 3,
          contentType: 'text/plain',
          sha256: SHA,
          uploadedAt: entry.uploadedAt,
          uploadedBy: 'i-test',
          ownerId: 'owner-a',
        },
      ]);
    });

    it('hides pending, deleting and trashed entries', async () => {
      const catalog = await ctx().fresh();
      const visible = await storeReady(catalog);
      await catalog.putPending(pendingEntry());
      await catalog.markDeleting(await storeReady(catalog));
      await catalog.markTrashed(await storeReady(catalog));
      expect((await catalog.listReady({ limit: 10 })).records.map((r) => r.id)).toEqual([visible]);
    });

    it('pages through every ready entry exactly once', async () => {
      const catalog = await ctx().fresh();
      const ids: string[] = [];
      for (let i = 0; i < 13; i++) {
        ids.push(await storeReady(catalog));
        if (i % 4 === 0) await catalog.putPending(pendingEntry());
      }
      const pages: string[][] = [];
      let before: string | undefined;
      for (;;) {
        const page = await catalog.listReady({ limit: 5, before });
        pages.push(page.records.map((r) => r.id));
        if (!page.hasMore) break;
        before = page.records[page.records.length - 1].id;
      }
      expect(pages).toEqual([ids.slice(8).reverse(), ids.slice(3, 8).reverse(), ids.slice(0, 3).reverse()]);
    });

    it('merges many entries into one newest-first order, page after page', async () => {
      const catalog = await ctx().fresh();
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push(await storeReady(catalog));
      const seen = (await everyReadyPage(catalog)).map((r) => r.id);
      expect(seen).toEqual([...ids].reverse());
    });

    it('reports hasMore when exactly one more ready entry exists', async () => {
      const catalog = await ctx().fresh();
      await storeReady(catalog);
      await storeReady(catalog);
      expect([
        (await catalog.listReady({ limit: 1 })).hasMore,
        (await catalog.listReady({ limit: 2 })).hasMore,
      ]).toEqual([true, false]);
    });

    it('lists an empty store as an empty page', async () => {
      const catalog = await ctx().fresh();
      expect(await catalog.listReady({ limit: 50 })).toEqual({ records: [], hasMore: false });
    });
  });

  describe('listStale', () => {
    it('yields pending and deleting entries changed before the cut-off, and nothing else', async () => {
      const catalog = await ctx().fresh();
      const pending = pendingEntry();
      await catalog.putPending(pending);
      const deleting = await storeReady(catalog);
      await catalog.markDeleting(deleting);
      await storeReady(catalog);
      const cutoff = new Date(ctx().clock.now().getTime() + 1);
      ctx().clock.advance(60_000);
      await catalog.putPending(pendingEntry());
      const stale = await collect(catalog.listStale(cutoff));
      expect(stale.map((e) => [e.id, e.state]).sort()).toEqual(
        [
          [pending.id, 'PENDING'],
          [deleting, 'DELETING'],
        ].sort(),
      );
    });

    it('yields whole entries, with their object keys', async () => {
      const catalog = await ctx().fresh();
      const entry = pendingEntry();
      await catalog.putPending(entry);
      const written = ctx().clock.iso();
      ctx().clock.advance(1000);
      expect(await collect(catalog.listStale(ctx().clock.now()))).toEqual([
        { ...entry, state: 'PENDING', size: 0, sha256: '', updatedAt: written },
      ]);
    });
  });
}
