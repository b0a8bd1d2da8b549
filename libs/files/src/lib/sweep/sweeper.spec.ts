import { Readable } from 'node:stream';
import { InMemoryBlobStore } from '../../testing/in-memory-blob-store';
import { InMemoryFileCatalog } from '../../testing/in-memory-file-catalog';
import { pendingEntryAt } from '../../testing/pending-entry';
import { objectKeyFor } from '../file-id';
import { encodeRecordMetadata } from '../recovery/record-metadata';
import { sweep } from './sweeper';
import { encodeTime } from 'ulid';

const HOUR = 3_600_000;
const T0 = new Date('2025-01-01T00:00:00Z');
const ID = '01HZY3QK8X9V5N2M4P6R7S8T9W';

function setup() {
  const catalog = new InMemoryFileCatalog(() => T0);
  const blobs = new InMemoryBlobStore(() => T0);
  return { catalog, blobs };
}

// SHA-256 of the one-byte body 'x'.
const X_SHA256 = '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881';
const entry = pendingEntryAt(ID, T0);

describe('sweep', () => {
  it('removes a stale PENDING entry and its object', async () => {
    const { catalog, blobs } = setup();
    await catalog.putPending(entry);
    await blobs.put(entry.objectKey, Readable.from([Buffer.from('x')]), { contentType: 'text/plain', maxBytes: 10 });
    const report = await sweep({ catalog, blobs, graceSeconds: 3600, now: new Date(T0.getTime() + 2 * HOUR) });
    expect(report).toEqual({ staleEntries: [ID], adoptedObjects: [], foreignObjects: [], expiredTrash: [] });
    expect([catalog.entries.size, blobs.objects.size]).toEqual([0, 0]);
  });

  it('leaves entries younger than the grace period', async () => {
    const { catalog, blobs } = setup();
    await catalog.putPending(entry);
    const report = await sweep({ catalog, blobs, graceSeconds: 3600, now: new Date(T0.getTime() + HOUR / 2) });
    expect(report.staleEntries).toEqual([]);
    expect(catalog.entries.size).toBe(1);
  });

  it('adopts an old object that has no entry but carries a valid record', async () => {
    // GIVEN an object whose entry is gone (a restored or lost table), carrying its record
    const { catalog, blobs } = setup();
    const metadata = encodeRecordMetadata({ ...entry, ownerId: 'owner-1', source: 'app' });
    await blobs.put(entry.objectKey, Readable.from([Buffer.from('x')]), {
      contentType: 'text/plain',
      maxBytes: 10,
      metadata,
    });
    // WHEN the sweep looks at it
    const report = await sweep({ catalog, blobs, graceSeconds: 3600, now: new Date(T0.getTime() + 2 * HOUR) });
    // THEN its entry is back, listed, and its body is kept
    expect(report.adoptedObjects).toEqual([entry.objectKey]);
    expect(catalog.entries.get(ID)).toMatchObject({
      state: 'READY',
      name: 'a',
      ownerId: 'owner-1',
      size: 1,
      sha256: X_SHA256,
    });
    expect(blobs.objects.size).toBe(1);
  });

  it('leaves an old object with no entry and no valid record alone, and reports it as foreign', async () => {
    const { catalog, blobs } = setup();
    const tampered = { ...encodeRecordMetadata({ ...entry, source: 'app' }), 'ha-id': '01HZY3QK8X9V5N2M4P6R7S8T9X' };
    await blobs.put(entry.objectKey, Readable.from([Buffer.from('x')]), {
      contentType: 'text/plain',
      maxBytes: 10,
      metadata: tampered,
    });
    const report = await sweep({ catalog, blobs, graceSeconds: 3600, now: new Date(T0.getTime() + 2 * HOUR) });
    expect([report.foreignObjects, report.adoptedObjects]).toEqual([[entry.objectKey], []]);
    expect([catalog.entries.size, blobs.objects.size]).toEqual([0, 1]);
  });

  it('leaves an upload that turned READY after the sweeper saw it PENDING', async () => {
    // GIVEN the sweeper's view of a stale PENDING entry, which then finishes its upload
    const { catalog, blobs } = setup();
    await catalog.putPending(entry);
    await blobs.put(entry.objectKey, Readable.from([Buffer.from('x')]), { contentType: 'text/plain', maxBytes: 10 });
    const staleView = catalog.listStale.bind(catalog);
    catalog.listStale = async function* (olderThan: Date) {
      for await (const seen of staleView(olderThan)) {
        await catalog.markReady(seen.id, { size: 1, sha256: 'x', contentType: 'text/plain' });
        yield seen;
      }
    };
    // WHEN the sweep acts on what it saw
    const report = await sweep({ catalog, blobs, graceSeconds: 3600, now: new Date(T0.getTime() + 2 * HOUR) });
    // THEN its claim fails, and the READY file keeps its record and body
    expect(report.staleEntries).toEqual([]);
    expect([catalog.entries.get(ID)?.state, blobs.objects.size]).toEqual(['READY', 1]);
  });

  it('with an orphan window, checks only objects created in it, not the whole bucket', async () => {
    // GIVEN objects without entries created 3 days, 3 hours and 10 minutes before the sweep
    const { catalog, blobs } = setup();
    const now = new Date(T0.getTime() + 3 * 24 * HOUR);
    const keyCreatedAt = (msBeforeNow: number) =>
      objectKeyFor(`${encodeTime(now.getTime() - msBeforeNow)}${'0'.repeat(16)}`);
    const [old, recent, fresh] = [keyCreatedAt(3 * 24 * HOUR), keyCreatedAt(3 * HOUR), keyCreatedAt(10 * 60_000)];
    for (const key of [old, recent, fresh]) {
      await blobs.put(key, Readable.from([Buffer.from('x')]), { contentType: 'text/plain', maxBytes: 10 });
    }
    const checked: string[] = [];
    const get = catalog.get.bind(catalog);
    catalog.get = async (id) => (checked.push(id), get(id));
    // WHEN a sweep with a 1 h grace looks back one day from its cutoff
    const report = await sweep({ catalog, blobs, graceSeconds: 3600, orphanWindowSeconds: 24 * 3600, now });
    // THEN only the object inside the window is looked up, and, carrying no record, it is reported and kept
    expect(report.foreignObjects).toEqual([recent]);
    expect(checked).toHaveLength(1);
    expect(blobs.objects.size).toBe(3);
  });

  it('keeps READY files and objects it did not create', async () => {
    const { catalog, blobs } = setup();
    await catalog.putPending(entry);
    await catalog.markReady(ID, { size: 1, sha256: 'x', contentType: 'text/plain' });
    for (const key of [entry.objectKey, 'other/thing']) {
      await blobs.put(key, Readable.from([Buffer.from('x')]), { contentType: 'text/plain', maxBytes: 10 });
    }
    const report = await sweep({ catalog, blobs, graceSeconds: 3600, now: new Date(T0.getTime() + 2 * HOUR) });
    expect(report).toEqual({ staleEntries: [], adoptedObjects: [], foreignObjects: [], expiredTrash: [] });
    expect(blobs.objects.size).toBe(2);
  });
});
