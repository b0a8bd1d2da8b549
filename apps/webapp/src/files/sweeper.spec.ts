import { Readable } from 'node:stream';
import { InMemoryBlobStore } from '../testing/in-memory-blob-store';
import { InMemoryFileCatalog } from '../testing/in-memory-file-catalog';
import { sweep } from './sweeper';

const HOUR = 3_600_000;
const T0 = new Date('2025-01-01T00:00:00Z');
const ID = '01HZY3QK8X9V5N2M4P6R7S8T9W';

function setup() {
  const catalog = new InMemoryFileCatalog(() => T0);
  const blobs = new InMemoryBlobStore(() => T0);
  return { catalog, blobs };
}

const entry = { id: ID, name: 'a', contentType: 'text/plain', objectKey: `files/${ID}`, uploadedBy: 'i', uploadedAt: T0.toISOString() };

describe('sweep', () => {
  it('removes a stale PENDING entry and its object', async () => {
    const { catalog, blobs } = setup();
    await catalog.putPending(entry);
    await blobs.put(entry.objectKey, Readable.from([Buffer.from('x')]), { contentType: 'text/plain', maxBytes: 10 });
    const report = await sweep({ catalog, blobs, graceSeconds: 3600, now: new Date(T0.getTime() + 2 * HOUR) });
    expect(report).toEqual({ staleEntries: [ID], orphanObjects: [] });
    expect([catalog.entries.size, blobs.objects.size]).toEqual([0, 0]);
  });

  it('leaves entries younger than the grace period', async () => {
    const { catalog, blobs } = setup();
    await catalog.putPending(entry);
    const report = await sweep({ catalog, blobs, graceSeconds: 3600, now: new Date(T0.getTime() + HOUR / 2) });
    expect(report.staleEntries).toEqual([]);
    expect(catalog.entries.size).toBe(1);
  });

  it('removes an old object that has no entry', async () => {
    const { catalog, blobs } = setup();
    await blobs.put(entry.objectKey, Readable.from([Buffer.from('x')]), { contentType: 'text/plain', maxBytes: 10 });
    const report = await sweep({ catalog, blobs, graceSeconds: 3600, now: new Date(T0.getTime() + 2 * HOUR) });
    expect(report.orphanObjects).toEqual([entry.objectKey]);
    expect(blobs.objects.size).toBe(0);
  });

  it('keeps READY files and objects it did not create', async () => {
    const { catalog, blobs } = setup();
    await catalog.putPending(entry);
    await catalog.markReady(ID, { size: 1, sha256: 'x', contentType: 'text/plain' });
    for (const key of [entry.objectKey, 'other/thing']) {
      await blobs.put(key, Readable.from([Buffer.from('x')]), { contentType: 'text/plain', maxBytes: 10 });
    }
    const report = await sweep({ catalog, blobs, graceSeconds: 3600, now: new Date(T0.getTime() + 2 * HOUR) });
    expect(report).toEqual({ staleEntries: [], orphanObjects: [] });
    expect(blobs.objects.size).toBe(2);
  });
});
