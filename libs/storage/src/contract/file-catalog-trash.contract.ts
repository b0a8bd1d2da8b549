import { EVERY_OWNER, type TrashOwner } from '@ha-uploads/files';
import { collect, storeReady } from './catalog-fixtures';
import type { CatalogContext } from './file-catalog.contract';

const ids = (entries: readonly { id: string }[]) => entries.map((entry) => entry.id);

/** The trash: moving a file in and out, who sees it, and when the sweeper may take it. */
export function describeCatalogTrash(ctx: () => CatalogContext): void {
  describe('trash', () => {
    it('marks a ready entry trashed, deleted now', async () => {
      const catalog = ctx().shared;
      const id = await storeReady(catalog, { ownerId: 'owner-a' });
      ctx().clock.advance(1000);
      const now = ctx().clock.iso();
      expect(await catalog.markTrashed(id)).toMatchObject({ id, state: 'TRASHED', deletedAt: now, updatedAt: now });
    });

    it('hides a trashed entry from the listing and shows it in its owner’s trash only', async () => {
      const catalog = await ctx().fresh();
      const mine = await storeReady(catalog, { ownerId: 'owner-a' });
      const theirs = await storeReady(catalog, { ownerId: 'owner-b' });
      await catalog.markTrashed(mine);
      expect({
        listed: ids((await catalog.listReady({ limit: 10 })).records),
        mine: ids(await catalog.listTrash({ owner: 'owner-a', limit: 10 })),
        theirs: ids(await catalog.listTrash({ owner: 'owner-b', limit: 10 })),
        everyone: ids(await catalog.listTrash({ owner: EVERY_OWNER, limit: 10 })),
      }).toEqual({ listed: [theirs], mine: [mine], theirs: [], everyone: [mine] });
    });

    it('lists an owner’s trash newest first, up to the limit', async () => {
      const catalog = await ctx().fresh();
      const trashed = [
        await storeReady(catalog, { ownerId: 'owner-a' }),
        await storeReady(catalog, { ownerId: 'owner-a' }),
        await storeReady(catalog, { ownerId: 'owner-a' }),
      ];
      for (const id of trashed) await catalog.markTrashed(id);
      expect(ids(await catalog.listTrash({ owner: 'owner-a', limit: 2 }))).toEqual([trashed[2], trashed[1]]);
    });

    it('lists the trash newest delete first, whatever order the files were uploaded in', async () => {
      const catalog = await ctx().fresh();
      const [first, second, third] = [
        await storeReady(catalog, { ownerId: 'owner-a' }),
        await storeReady(catalog, { ownerId: 'owner-a' }),
        await storeReady(catalog, { ownerId: 'owner-a' }),
      ];
      for (const id of [third, first, second]) {
        ctx().clock.advance(1000);
        await catalog.markTrashed(id);
      }
      expect({
        mine: ids(await catalog.listTrash({ owner: 'owner-a', limit: 10 })),
        everyone: ids(await catalog.listTrash({ owner: EVERY_OWNER, limit: 10 })),
      }).toEqual({ mine: [second, first, third], everyone: [second, first, third] });
    });

    it('pages through the trash from a position, each entry once, for an owner and for everyone', async () => {
      const catalog = await ctx().fresh();
      const deleted: string[] = [];
      for (let i = 0; i < 11; i++) {
        const id = await storeReady(catalog, { ownerId: i % 3 === 0 ? 'owner-b' : 'owner-a' });
        ctx().clock.advance(1000);
        await catalog.markTrashed(id);
        deleted.unshift(id);
      }
      const pages = async (owner: TrashOwner) => {
        const seen: string[][] = [];
        let before: { deletedAt: string; id: string } | undefined;
        for (;;) {
          const page = await catalog.listTrash({ owner, limit: 4, before });
          seen.push(ids(page));
          const last = page.at(-1);
          if (page.length < 4 || !last) return seen;
          before = { deletedAt: last.deletedAt ?? '', id: last.id };
        }
      };
      const everyone = await pages(EVERY_OWNER);
      const mine = await pages('owner-a');
      expect({ everyone: everyone.flat(), sizes: everyone.map((p) => p.length), mine: mine.flat() }).toEqual({
        everyone: deleted,
        sizes: [4, 4, 3],
        mine: deleted.filter((_, i) => (10 - i) % 3 !== 0),
      });
    });

    it('never shows an owner the trash of another whose id it prefixes', async () => {
      const catalog = await ctx().fresh();
      await catalog.markTrashed(await storeReady(catalog, { ownerId: 'a#b' }));
      expect(await catalog.listTrash({ owner: 'a', limit: 10 })).toEqual([]);
    });

    it('files an ownerless entry under the ownerless trash', async () => {
      const catalog = await ctx().fresh();
      const id = await storeReady(catalog);
      await catalog.markTrashed(id);
      expect(ids(await catalog.listTrash({ owner: null, limit: 10 }))).toEqual([id]);
    });

    it('restores a trashed entry to the listing and out of the trash', async () => {
      const catalog = await ctx().fresh();
      const id = await storeReady(catalog, { ownerId: 'owner-a' });
      await catalog.markTrashed(id);
      const restored = await catalog.markRestored(id);
      expect({
        restored: { state: restored?.state, deletedAt: restored?.deletedAt },
        listed: ids((await catalog.listReady({ limit: 10 })).records),
        trash: await catalog.listTrash({ owner: 'owner-a', limit: 10 }),
      }).toEqual({ restored: { state: 'READY', deletedAt: undefined }, listed: [id], trash: [] });
    });

    it('answers a repeated trash and a repeated restore as done', async () => {
      const catalog = ctx().shared;
      const id = await storeReady(catalog);
      await catalog.markTrashed(id);
      const again = await catalog.markTrashed(id);
      await catalog.markRestored(id);
      expect([again?.state, (await catalog.markRestored(id))?.state]).toEqual(['TRASHED', 'READY']);
    });

    it('neither trashes nor restores a deleting, pending or missing entry', async () => {
      const catalog = ctx().shared;
      const deleting = await storeReady(catalog);
      await catalog.markDeleting(deleting);
      const answers = [
        await catalog.markTrashed(deleting),
        await catalog.markRestored(deleting),
        await catalog.markTrashed('missing'),
        await catalog.markRestored('missing'),
      ];
      expect(answers).toEqual([undefined, undefined, undefined, undefined]);
    });

    it('drops an entry from the trash once it is claimed for deletion', async () => {
      const catalog = await ctx().fresh();
      const id = await storeReady(catalog, { ownerId: 'owner-a' });
      const trashed = await catalog.markTrashed(id);
      await catalog.markDeleting(id, { state: 'TRASHED', updatedAt: trashed?.updatedAt ?? '' });
      expect(await catalog.listTrash({ owner: EVERY_OWNER, limit: 10 })).toEqual([]);
    });

    it('offers trashed entries past the retention to the trash sweep and not to the stale sweep', async () => {
      const catalog = await ctx().fresh();
      const id = await storeReady(catalog, { ownerId: 'owner-a' });
      await catalog.markTrashed(id);
      ctx().clock.advance(1000);
      const later = ctx().clock.now();
      expect([
        ids(await collect(catalog.listExpiredTrash(later))),
        ids(await collect(catalog.listStale(later))),
      ]).toEqual([[id], []]);
    });
  });
}
