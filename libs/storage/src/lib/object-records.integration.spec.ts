import { Readable } from 'node:stream';
import type { CatalogEntry } from '@ha-uploads/files';
import { monotonicFactory } from 'ulid';
import { startTestBackends, type TestBackends } from '../testing/local-backends';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';
import { ensureFilesTable } from './ensure-resources';

const nextId = monotonicFactory();
const MiB = 1024 * 1024;

describe('what a rebuild reads and writes, against s3rver and dynalite', () => {
  let backends: TestBackends;

  beforeAll(async () => {
    // The smallest part size S3 allows, so a few MiB make a multipart upload.
    backends = await startTestBackends({ env: { UPLOAD_PART_SIZE_BYTES: String(5 * MiB) } });
  });

  afterAll(async () => {
    await backends.stop();
  });

  async function freshCatalog(): Promise<DynamoDbFileCatalog> {
    const table = `adopt-${nextId().toLowerCase()}`;
    await ensureFilesTable(backends.clients.dynamodb, table);
    return new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table });
  }

  function readyEntry(overrides: Partial<CatalogEntry> = {}): CatalogEntry {
    const id = nextId();
    return {
      id,
      name: 'a.txt',
      size: 3,
      contentType: 'text/plain',
      sha256: 'c'.repeat(64),
      uploadedAt: '2026-12-01T00:00:00.000Z',
      uploadedBy: 'i-1',
      ownerId: 'owner-a',
      objectKey: `files/${id}`,
      state: 'READY',
      updatedAt: '2026-12-01T00:00:01.000Z',
      ...overrides,
    };
  }

  it('stores object metadata with the body and reads it back with the size', async () => {
    const key = `files/${nextId()}`;
    await backends.blobStore.put(key, Readable.from([Buffer.from('abc')]), {
      contentType: 'text/plain',
      maxBytes: 10,
      metadata: { 'ha-record': '1', 'ha-id': 'x' },
    });
    expect(await backends.blobStore.head(key)).toMatchObject({ size: 3, metadata: { 'ha-record': '1', 'ha-id': 'x' } });
  });

  it('stores the metadata of a body large enough for a multipart upload', async () => {
    const key = `files/${nextId()}`;
    await backends.blobStore.put(key, Readable.from([Buffer.alloc(11 * MiB, 7)]), {
      contentType: 'application/octet-stream',
      maxBytes: 20 * MiB,
      metadata: { 'ha-record': '1' },
    });
    expect(await backends.blobStore.head(key)).toMatchObject({ size: 11 * MiB, metadata: { 'ha-record': '1' } });
  });

  it('stores an empty marker object', async () => {
    const key = `trash-markers/${nextId()}`;
    await backends.blobStore.put(key, Readable.from([]), {
      contentType: 'application/octet-stream',
      maxBytes: 0,
      metadata: { 'ha-trash': '1' },
    });
    expect(await backends.blobStore.head(key)).toMatchObject({ size: 0, metadata: { 'ha-trash': '1' } });
  });

  it('answers undefined for the head of a missing object', async () => {
    expect(await backends.blobStore.head(`files/${nextId()}`)).toBeUndefined();
  });

  it('lists only the keys under a prefix', async () => {
    const prefix = `listing-${nextId()}/`;
    for (const key of [`${prefix}a`, `${prefix}b`, `other-${prefix}c`]) {
      await backends.blobStore.put(key, Readable.from([Buffer.from('x')]), { contentType: 'text/plain', maxBytes: 10 });
    }
    const keys: string[] = [];
    for await (const object of backends.blobStore.list({ prefix })) keys.push(object.key);
    expect(keys).toEqual([`${prefix}a`, `${prefix}b`]);
  });

  it('adopts a missing entry, which is then listed', async () => {
    const catalog = await freshCatalog();
    const entry = readyEntry();
    expect(await catalog.adopt(entry)).toBe(true);
    expect(await catalog.get(entry.id)).toEqual(entry);
    expect((await catalog.listReady({ limit: 10 })).records.map((r) => r.id)).toEqual([entry.id]);
  });

  it('never overwrites an existing entry', async () => {
    const catalog = await freshCatalog();
    const entry = readyEntry();
    await catalog.adopt(entry);
    expect(await catalog.adopt({ ...entry, name: 'other.txt', ownerId: 'someone-else' })).toBe(false);
    expect(await catalog.get(entry.id)).toMatchObject({ name: 'a.txt', ownerId: 'owner-a' });
  });

  it("adopts a deleted file into its owner's trash, with its delete time", async () => {
    const catalog = await freshCatalog();
    const deletedAt = '2026-12-02T00:00:00.000Z';
    const entry = readyEntry({ state: 'TRASHED', deletedAt, updatedAt: deletedAt });
    await catalog.adopt(entry);
    expect(await catalog.listTrash({ owner: 'owner-a', limit: 10 })).toEqual([entry]);
    expect((await catalog.listReady({ limit: 10 })).records).toEqual([]);
  });

  it('replays a delete at the time the bucket remembers', async () => {
    const catalog = await freshCatalog();
    const entry = readyEntry();
    await catalog.adopt(entry);
    const deletedAt = '2026-12-03T00:00:00.000Z';
    expect(await catalog.markTrashed(entry.id, { deletedAt })).toMatchObject({
      state: 'TRASHED',
      deletedAt,
      updatedAt: deletedAt,
    });
    expect((await catalog.listTrash({ owner: 'owner-a', limit: 10 })).map((e) => e.id)).toEqual([entry.id]);
  });
});
