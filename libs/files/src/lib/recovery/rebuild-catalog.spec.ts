import { Readable } from 'node:stream';
import { InMemoryBlobStore } from '../../testing/in-memory-blob-store';
import { InMemoryFileCatalog } from '../../testing/in-memory-file-catalog';
import { recoveryFixture as setup } from '../../testing/recovery-fixture';
import { rebuildCatalog, type RebuildEvent } from './rebuild-catalog';
import { encodeRecordMetadata } from './record-metadata';

// SHA-256 of the one-byte body 'x'.
const X_SHA256 = '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881';

async function rebuild(
  catalog: InMemoryFileCatalog,
  blobs: InMemoryBlobStore,
  options: { startAfter?: string; progressEvery?: number } = {},
) {
  const events: RebuildEvent[] = [];
  const summary = await rebuildCatalog({ catalog, blobs, ...options, onEvent: (event) => void events.push(event) });
  return { events, summary };
}

describe('rebuildCatalog', () => {
  it('recreates every lost entry as it was, deleted files in the trash with their delete time', async () => {
    // GIVEN two files, one of them deleted, and then a lost table
    const { catalog, blobs, files, upload } = setup();
    const kept = await upload('kept.txt');
    const deleted = await upload('deleted.txt');
    await files.delete(deleted.id, { isAdmin: false, ownerId: 'owner-1' });
    const before = new Map(catalog.entries);
    catalog.entries.clear();
    // WHEN the catalog is rebuilt from the bucket
    const { summary } = await rebuild(catalog, blobs);
    // THEN both entries are back with the same fields
    expect(summary).toMatchObject({ scanned: 2, adopted: 2, trashed: 0, foreign: 0 });
    const strip = ({ updatedAt: _u, ...rest }: { updatedAt: string }) => rest;
    expect(strip(catalog.entries.get(kept.id) as never)).toEqual(strip(before.get(kept.id) as never));
    expect(strip(catalog.entries.get(deleted.id) as never)).toEqual(strip(before.get(deleted.id) as never));
  });

  it('is idempotent: a second run changes nothing', async () => {
    const { catalog, blobs, upload } = setup();
    await upload('a.txt');
    catalog.entries.clear();
    await rebuild(catalog, blobs);
    expect((await rebuild(catalog, blobs)).summary).toMatchObject({ scanned: 1, adopted: 0, trashed: 0 });
  });

  it('never overwrites an entry that exists', async () => {
    const { catalog, blobs, upload } = setup();
    const { id } = await upload('a.txt');
    const entry = catalog.entries.get(id);
    await rebuild(catalog, blobs);
    expect(catalog.entries.get(id)).toBe(entry);
  });

  it('resumes after a checkpoint it printed', async () => {
    // GIVEN three lost entries and a run that printed a checkpoint after the first
    const { catalog, blobs, upload } = setup();
    const ids = [(await upload('a')).id, (await upload('b')).id, (await upload('c')).id];
    catalog.entries.clear();
    const first = await rebuild(new InMemoryFileCatalog(), blobs, { progressEvery: 1 });
    const checkpoint = first.events.find((e) => e.kind === 'progress');
    // WHEN a run starts after it
    const { summary } = await rebuild(catalog, blobs, {
      startAfter: checkpoint?.kind === 'progress' ? checkpoint.checkpoint : undefined,
    });
    // THEN only the files after the checkpoint are adopted
    expect([summary.adopted, [...catalog.entries.keys()].sort()]).toEqual([2, ids.slice(1)]);
  });

  it('moves a listed file to the trash when the bucket remembers its delete (a table older than the bucket)', async () => {
    // GIVEN a table copied before a delete
    const { catalog, blobs, files, upload } = setup();
    const { id } = await upload('a.txt');
    const copy = catalog.entries.get(id);
    await files.delete(id, { isAdmin: true });
    const deletedAt = catalog.entries.get(id)?.deletedAt;
    if (copy) catalog.entries.set(id, copy);
    // WHEN the catalog is rebuilt
    const { events } = await rebuild(catalog, blobs);
    // THEN the file is in the trash again, deleted when it was
    expect(events).toEqual([{ kind: 'trashed', id, deletedAt }]);
    expect(catalog.entries.get(id)).toMatchObject({ state: 'TRASHED', deletedAt });
  });

  it('finishes a PENDING entry whose body the bucket holds complete (an upload in flight when the table was copied)', async () => {
    // GIVEN a PENDING entry, as copied mid-upload, and the body that upload then stored with its record
    const { catalog, blobs } = setup();
    const id = '01HZY3QK8X9V5N2M4P6R7S8T9W';
    const record = {
      id,
      name: 'late.txt',
      contentType: 'text/plain',
      ownerId: 'owner-1',
      uploadedAt: '2026-12-01T00:00:00.000Z',
      uploadedBy: 'i-1',
    };
    await catalog.putPending({ ...record, objectKey: `files/${id}` });
    const metadata = encodeRecordMetadata({ ...record, source: 'app' });
    await blobs.put(`files/${id}`, Readable.from([Buffer.from('x')]), {
      contentType: 'text/plain',
      maxBytes: 10,
      metadata,
    });
    // WHEN the catalog is rebuilt
    const { events } = await rebuild(catalog, blobs);
    // THEN the entry is READY with the body's size and digest
    expect(events).toEqual([{ kind: 'finished', id, name: 'late.txt' }]);
    expect(catalog.entries.get(id)).toMatchObject({ state: 'READY', size: 1, sha256: X_SHA256 });
  });

  it('leaves a PENDING entry alone while its body is not in the bucket', async () => {
    const { catalog, blobs } = setup();
    const id = '01HZY3QK8X9V5N2M4P6R7S8T9W';
    await catalog.putPending({
      id,
      name: 'a',
      contentType: 'text/plain',
      uploadedAt: '2026-12-01T00:00:00.000Z',
      uploadedBy: 'i-1',
      objectKey: `files/${id}`,
    });
    expect((await rebuild(catalog, blobs)).summary).toMatchObject({ scanned: 0, finished: 0 });
    expect(catalog.entries.get(id)?.state).toBe('PENDING');
  });

  it('reports a foreign object and leaves it alone', async () => {
    const { catalog, blobs } = setup();
    await blobs.put('files/01HZY3QK8X9V5N2M4P6R7S8T9W', Readable.from([Buffer.from('x')]), {
      contentType: 'text/plain',
      maxBytes: 10,
    });
    const { events } = await rebuild(catalog, blobs);
    expect(events).toEqual([
      { kind: 'foreign', key: 'files/01HZY3QK8X9V5N2M4P6R7S8T9W', reason: 'no record metadata' },
    ]);
    expect([catalog.entries.size, blobs.objects.size]).toEqual([0, 1]);
  });
});
