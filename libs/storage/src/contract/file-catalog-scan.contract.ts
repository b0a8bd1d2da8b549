import type { FileCatalog } from '@ha-uploads/files';
import { pendingEntry, SHA } from './catalog-fixtures';
import type { CatalogContext } from './file-catalog.contract';

/** Stores a READY entry whose scan is pending and resolves with its id and object key. */
async function storeScanning(catalog: FileCatalog, ownerId = 'owner-a'): Promise<{ id: string; objectKey: string }> {
  const entry = { ...pendingEntry({ ownerId }), scan: 'pending' as const };
  await catalog.putPending(entry);
  await catalog.markReady(entry.id, { size: 3, sha256: SHA, contentType: 'text/plain' });
  return { id: entry.id, objectKey: entry.objectKey };
}

/** Recording a scanner's verdict: once, only for the same object, and on the copies the listing and trash read. */
export function describeCatalogScan(ctx: () => CatalogContext): void {
  describe('scan verdicts', () => {
    const catalog = () => ctx().shared;

    it('keeps a pending scan through markReady', async () => {
      const { id } = await storeScanning(catalog());
      expect(await catalog().get(id)).toMatchObject({ state: 'READY', scan: 'pending' });
    });

    it('records a verdict on a ready entry whose scan is pending', async () => {
      const { id, objectKey } = await storeScanning(catalog());
      expect(await catalog().recordScan(id, { objectKey, scan: 'infected', detail: 'EICAR' })).toBe('recorded');
      expect(await catalog().get(id)).toMatchObject({ scan: 'infected', scanDetail: 'EICAR' });
    });

    it('changes nothing for a second verdict on the same entry', async () => {
      const { id, objectKey } = await storeScanning(catalog());
      await catalog().recordScan(id, { objectKey, scan: 'clean' });
      expect(await catalog().recordScan(id, { objectKey, scan: 'infected', detail: 'late' })).toBe('unchanged');
      expect(await catalog().get(id)).toMatchObject({ scan: 'clean' });
    });

    it('changes nothing for a verdict on another object', async () => {
      const { id } = await storeScanning(catalog());
      expect(await catalog().recordScan(id, { objectKey: 'files/other', scan: 'clean' })).toBe('unchanged');
      expect(await catalog().get(id)).toMatchObject({ scan: 'pending' });
    });

    it('answers unknown for an id without an entry', async () => {
      expect(await catalog().recordScan(pendingEntry().id, { objectKey: 'files/x', scan: 'clean' })).toBe('unknown');
    });

    it('answers unknown for an entry being deleted', async () => {
      const { id, objectKey } = await storeScanning(catalog());
      await catalog().markDeleting(id);
      expect(await catalog().recordScan(id, { objectKey, scan: 'clean' })).toBe('unknown');
    });

    it('answers not-ready while the body is still being stored', async () => {
      const entry = { ...pendingEntry(), scan: 'pending' as const };
      await catalog().putPending(entry);
      expect(await catalog().recordScan(entry.id, { objectKey: entry.objectKey, scan: 'clean' })).toBe('not-ready');
    });

    it('shows the verdict in the listing', async () => {
      const fresh = await ctx().fresh();
      const { id, objectKey } = await storeScanning(fresh);
      await fresh.recordScan(id, { objectKey, scan: 'clean' });
      expect((await fresh.listReady({ limit: 10 })).records).toEqual([expect.objectContaining({ id, scan: 'clean' })]);
    });

    it('shows the verdict in the trash', async () => {
      const fresh = await ctx().fresh();
      const { id, objectKey } = await storeScanning(fresh);
      await fresh.markTrashed(id);
      await fresh.recordScan(id, { objectKey, scan: 'infected', detail: 'EICAR' });
      const trash = await fresh.listTrash({ owner: 'owner-a', limit: 10 });
      expect(trash).toEqual([expect.objectContaining({ id, scan: 'infected', scanDetail: 'EICAR' })]);
    });
  });
}
