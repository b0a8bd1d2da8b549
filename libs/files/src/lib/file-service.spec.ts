import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { InMemoryBlobStore } from '../testing/in-memory-blob-store';
import { InMemoryFileCatalog } from '../testing/in-memory-file-catalog';
import { FileService } from './file-service';

// A client with no identity: it owns nothing and sees what everyone sees.
const ANYONE = { isAdmin: false };

function setup(maxUploadBytes = 1024) {
  const catalog = new InMemoryFileCatalog();
  const blobs = new InMemoryBlobStore();
  return { catalog, blobs, service: new FileService({ catalog, blobs, maxUploadBytes }) };
}

const upload = (service: FileService, body: string, name = 'a.txt') =>
  service.upload(Readable.from([Buffer.from(body)]), { name, contentType: 'text/plain' }, 'i-test');

describe('FileService.upload', () => {
  it('stores the body under a server-generated key and returns a READY record', async () => {
    const { service, catalog, blobs } = setup();
    const record = await upload(service, 'hello', '../evil.txt');
    expect(record).toEqual(
      expect.objectContaining({ name: '..evil.txt', size: 5, contentType: 'text/plain', uploadedBy: 'i-test' }),
    );
    expect(record.sha256).toBe(createHash('sha256').update('hello').digest('hex'));
    expect(catalog.entries.get(record.id)?.state).toBe('READY');
    expect([...blobs.objects.keys()]).toEqual([`files/${record.id}`]);
  });

  it('accepts a zero-byte file', async () => {
    const { service } = setup();
    expect((await upload(service, '')).size).toBe(0);
  });

  it('leaves nothing behind when the body is too large', async () => {
    const { service, catalog, blobs } = setup(4);
    await expect(upload(service, 'hello')).rejects.toMatchObject({ kind: 'too-large', code: 'FILE_TOO_LARGE' });
    expect([catalog.entries.size, blobs.objects.size]).toEqual([0, 0]);
  });

  it('keeps a READY file whole when the answer to markReady was lost and DynamoDB stays down', async () => {
    // GIVEN markReady lands, but its answer is lost and DynamoDB then fails every call
    const { service, catalog, blobs } = setup();
    const markReady = catalog.markReady.bind(catalog);
    catalog.markReady = async (...args) => {
      await markReady(...args);
      catalog.down = true;
      throw new Error('socket hang up');
    };
    // WHEN the upload fails
    await expect(upload(service, 'hello')).rejects.toThrow('socket hang up');
    // THEN cleanup could not hide the record, so it left the body too: nothing is listed without its body
    catalog.down = false;
    const [entry] = catalog.entries.values();
    expect([entry.state, blobs.objects.has(entry.objectKey)]).toEqual(['READY', true]);
  });

  it('hides, then removes, a file whose markReady failed once DynamoDB answers again', async () => {
    const { service, catalog, blobs } = setup();
    catalog.markReady = async () => {
      throw new Error('socket hang up');
    };
    await expect(upload(service, 'hello')).rejects.toThrow('socket hang up');
    expect([catalog.entries.size, blobs.objects.size]).toEqual([0, 0]);
  });

  it('keeps the hidden PENDING record when the blob store is down: the mark the sweeper removes it by', async () => {
    const { service, catalog, blobs } = setup();
    blobs.down = true;
    await expect(upload(service, 'x')).rejects.toMatchObject({ kind: 'unavailable', code: 'STORAGE_UNAVAILABLE' });
    expect([...catalog.entries.values()].map((e) => e.state)).toEqual(['PENDING']);
  });

  it('rejects a name that is empty once cleaned before storing anything', async () => {
    const { service, catalog } = setup();
    await expect(upload(service, 'x', '/\u0000/')).rejects.toMatchObject({ code: 'INVALID_FILE_NAME' });
    expect(catalog.entries.size).toBe(0);
  });
});

describe('FileService.discard', () => {
  it('removes the record and the object', async () => {
    const { service, catalog, blobs } = setup();
    const { id } = await upload(service, 'x');
    await service.discard(id);
    expect([catalog.entries.size, blobs.objects.size]).toEqual([0, 0]);
  });

  it('finishes a delete that was interrupted after hiding the file', async () => {
    const { service, catalog, blobs } = setup();
    const { id } = await upload(service, 'x');
    await catalog.markDeleting(id);
    await service.discard(id);
    expect([catalog.entries.size, blobs.objects.size]).toEqual([0, 0]);
  });

  it('answers FILE_NOT_FOUND once the file is gone', async () => {
    const { service } = setup();
    const { id } = await upload(service, 'x');
    await service.discard(id);
    await expect(service.discard(id)).rejects.toMatchObject({ kind: 'not-found', code: 'FILE_NOT_FOUND' });
  });
});

describe('FileService.get and open', () => {
  it('hides entries that are not READY', async () => {
    const { service, catalog } = setup();
    const { id } = await upload(service, 'x');
    await catalog.markDeleting(id);
    await expect(service.get(id, ANYONE)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('rejects a malformed id with INVALID_FILE_ID', async () => {
    const { service } = setup();
    await expect(service.get('../etc', ANYONE)).rejects.toMatchObject({
      kind: 'invalid-input',
      code: 'INVALID_FILE_ID',
    });
  });

  it('opens an inclusive byte range', async () => {
    const { service } = setup();
    const { id } = await upload(service, 'hello');
    const opened = await service.open(id, ANYONE, () => ({ start: 1, end: 3 }));
    expect(opened.contentLength).toBe(3);
    expect((await opened.body.toArray()).join('')).toBe('ell');
  });
});

describe('FileService.list', () => {
  it('pages newest first with an opaque cursor', async () => {
    const { service } = setup();
    const ids: string[] = [];
    for (const body of ['a', 'b', 'c']) ids.push((await upload(service, body)).id);
    const first = await service.list({ limit: '2' }, ANYONE);
    const second = await service.list({ limit: '2', cursor: first.nextCursor ?? undefined }, ANYONE);
    expect(first.files.map((f) => f.id)).toEqual([ids[2], ids[1]]);
    expect(second).toEqual({ files: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
  });
});
