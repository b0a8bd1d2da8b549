import { Readable } from 'node:stream';
import { InMemoryBlobStore } from '../../testing/in-memory-blob-store';
import { InMemoryFileCatalog } from '../../testing/in-memory-file-catalog';
import { recoveryFixture as setup } from '../../testing/recovery-fixture';
import { reconcile, type Difference } from './reconcile';

async function differences(catalog: InMemoryFileCatalog, blobs: InMemoryBlobStore): Promise<Difference[]> {
  const found: Difference[] = [];
  for await (const difference of reconcile({ catalog, blobs })) found.push(difference);
  return found;
}

describe('reconcile', () => {
  it('finds nothing when bucket and catalog agree', async () => {
    const { catalog, blobs, files, upload } = setup();
    await upload('a.txt');
    await files.delete((await upload('b.txt')).id, { isAdmin: true });
    expect(await differences(catalog, blobs)).toEqual([]);
  });

  it('reports an object without an entry as adoptable, and one without a valid record as foreign', async () => {
    const { catalog, blobs, upload } = setup();
    const { id } = await upload('a.txt');
    catalog.entries.delete(id);
    await blobs.put('other/thing', Readable.from([Buffer.from('x')]), { contentType: 'text/plain', maxBytes: 10 });
    expect(await differences(catalog, blobs)).toEqual([
      { kind: 'adoptable', key: `files/${id}`, detail: 'a.txt (owner owner-1)' },
      { kind: 'foreign', key: 'other/thing', detail: 'not an object key the app creates' },
    ]);
  });

  it('reports an object with tampered record metadata as foreign, never as adoptable', async () => {
    const { catalog, blobs, upload } = setup();
    const { id } = await upload('a.txt');
    catalog.entries.delete(id);
    // Someone rewrote the record to claim another file's id.
    const stored = blobs.objects.get(`files/${id}`);
    if (stored)
      blobs.objects.set(`files/${id}`, {
        ...stored,
        metadata: { ...stored.metadata, 'ha-id': '01HZY3QK8X9V5N2M4P6R7S8T9X' },
      });
    expect(await differences(catalog, blobs)).toEqual([
      { kind: 'foreign', key: `files/${id}`, detail: 'record id does not match the object key' },
    ]);
  });

  it('reports an entry whose object is gone', async () => {
    const { catalog, blobs, upload } = setup();
    const { id } = await upload('a.txt');
    await blobs.delete(`files/${id}`);
    expect(await differences(catalog, blobs)).toEqual([
      { kind: 'missing-object', key: `files/${id}`, detail: `READY entry ${id} (a.txt) has no object` },
    ]);
  });

  it('reports a listed entry whose object is marked deleted', async () => {
    const { catalog, blobs, files, upload } = setup();
    const { id } = await upload('a.txt');
    const listed = catalog.entries.get(id);
    await files.delete(id, { isAdmin: true });
    if (listed) catalog.entries.set(id, listed);
    expect(await differences(catalog, blobs)).toEqual([
      {
        kind: 'mismatch',
        key: `files/${id}`,
        detail: 'listed in the catalog, deleted in the bucket (rebuild-catalog moves it to the trash)',
      },
    ]);
  });
});
