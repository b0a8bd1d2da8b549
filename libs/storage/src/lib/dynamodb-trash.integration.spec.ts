import { EVERY_OWNER } from '@ha-uploads/files';
import { monotonicFactory } from 'ulid';
import { startTestBackends, type TestBackends } from '../testing/local-backends';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';
import { ensureFilesTable } from './ensure-resources';

const nextId = monotonicFactory();
const SHA = 'b'.repeat(64);

describe('DynamoDbFileCatalog trash against dynalite', () => {
  let backends: TestBackends;

  beforeAll(async () => {
    backends = await startTestBackends();
  });

  afterAll(async () => {
    await backends.stop();
  });

  async function freshCatalog(now?: () => Date): Promise<DynamoDbFileCatalog> {
    const table = `trash-${nextId().toLowerCase()}`;
    await ensureFilesTable(backends.clients.dynamodb, table);
    return new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table, now });
  }

  async function storeReady(catalog: DynamoDbFileCatalog, ownerId?: string): Promise<string> {
    const id = nextId();
    const owner = ownerId === undefined ? {} : { ownerId };
    await catalog.putPending({ id, name: `${id}.txt`, contentType: 'text/plain', uploadedAt: new Date().toISOString(), uploadedBy: 'i', objectKey: `files/${id}`, ...owner });
    await catalog.markReady(id, { size: 1, sha256: SHA, contentType: 'text/plain' });
    return id;
  }

  it('keeps the owner on the entry and in the listing', async () => {
    const catalog = await freshCatalog();
    const id = await storeReady(catalog, 'owner-a');
    expect((await catalog.listReady({ limit: 10 })).records).toEqual([expect.objectContaining({ id, ownerId: 'owner-a' })]);
  });

  it('hides a trashed entry from the listing and shows it in its owner\'s trash only', async () => {
    // GIVEN files of two owners, one of them trashed
    const catalog = await freshCatalog();
    const mine = await storeReady(catalog, 'owner-a');
    const theirs = await storeReady(catalog, 'owner-b');
    const trashed = await catalog.markTrashed(mine);
    // THEN the listing has only the other file; each trash has only its owner's
    expect(trashed).toMatchObject({ id: mine, state: 'TRASHED', deletedAt: expect.any(String) });
    expect((await catalog.listReady({ limit: 10 })).records.map((r) => r.id)).toEqual([theirs]);
    expect((await catalog.listTrash({ owner: 'owner-a', limit: 10 })).map((e) => e.id)).toEqual([mine]);
    expect(await catalog.listTrash({ owner: 'owner-b', limit: 10 })).toEqual([]);
    expect((await catalog.listTrash({ owner: EVERY_OWNER, limit: 10 })).map((e) => e.id)).toEqual([mine]);
  });

  it('never lets an owner id that is a prefix of another see the other\'s trash', async () => {
    const catalog = await freshCatalog();
    const id = await storeReady(catalog, 'a#b');
    await catalog.markTrashed(id);
    expect(await catalog.listTrash({ owner: 'a', limit: 10 })).toEqual([]);
    expect((await catalog.listTrash({ owner: 'a#b', limit: 10 })).map((e) => e.id)).toEqual([id]);
  });

  it('files ownerless entries under the ownerless trash', async () => {
    const catalog = await freshCatalog();
    const id = await storeReady(catalog);
    await catalog.markTrashed(id);
    expect((await catalog.listTrash({ owner: null, limit: 10 })).map((e) => e.id)).toEqual([id]);
  });

  it('restores a trashed entry to the listing and removes it from the trash', async () => {
    const catalog = await freshCatalog();
    const id = await storeReady(catalog, 'owner-a');
    await catalog.markTrashed(id);
    const restored = await catalog.markRestored(id);
    expect(restored).toMatchObject({ id, state: 'READY' });
    expect(restored?.deletedAt).toBeUndefined();
    expect((await catalog.listReady({ limit: 10 })).records.map((r) => r.id)).toEqual([id]);
    expect(await catalog.listTrash({ owner: 'owner-a', limit: 10 })).toEqual([]);
  });

  it('treats a repeated trash and a repeated restore as done, and refuses other states', async () => {
    const catalog = await freshCatalog();
    const id = await storeReady(catalog, 'owner-a');
    await catalog.markTrashed(id);
    expect(await catalog.markTrashed(id)).toMatchObject({ state: 'TRASHED' });
    await catalog.markRestored(id);
    expect(await catalog.markRestored(id)).toMatchObject({ state: 'READY' });
    await catalog.markDeleting(id);
    expect([await catalog.markTrashed(id), await catalog.markRestored(id)]).toEqual([undefined, undefined]);
  });

  it('skips a pointer a crash left behind after a restore', async () => {
    // GIVEN a restore that crashed after listing the file again, before removing its pointer
    const catalog = await freshCatalog();
    const id = await storeReady(catalog, 'owner-a');
    const trashed = await catalog.markTrashed(id);
    await catalog.markRestored(id);
    await backends.clients.dynamodb.send(
      new (await import('@aws-sdk/lib-dynamodb')).PutCommand({
        TableName: (catalog as unknown as { table: string }).table,
        Item: { pk: 'trash', sk: `owner-a#${id}`, fileId: id, deletedAt: trashed?.deletedAt },
      }),
    );
    // THEN the trash does not show the listed file
    expect(await catalog.listTrash({ owner: 'owner-a', limit: 10 })).toEqual([]);
  });

  it('removes the pointer when a trashed entry is claimed for deletion', async () => {
    const catalog = await freshCatalog();
    const id = await storeReady(catalog, 'owner-a');
    const trashed = await catalog.markTrashed(id);
    await catalog.markDeleting(id, { state: 'TRASHED', updatedAt: trashed?.updatedAt ?? '' });
    await catalog.remove(id);
    expect(await catalog.listTrash({ owner: EVERY_OWNER, limit: 10 })).toEqual([]);
  });

  it('offers trashed entries past the retention to the sweeper, and not to the stale sweep', async () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    const catalog = await freshCatalog(() => t0);
    const id = await storeReady(catalog, 'owner-a');
    await catalog.markTrashed(id);
    const later = new Date(t0.getTime() + 1000);
    const expired: string[] = [];
    for await (const entry of catalog.listExpiredTrash(later)) expired.push(entry.id);
    const stale: string[] = [];
    for await (const entry of catalog.listStale(later)) stale.push(entry.id);
    expect([expired, stale]).toEqual([[id], []]);
  });
});
