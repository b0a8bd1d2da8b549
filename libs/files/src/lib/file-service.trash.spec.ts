import { Readable } from 'node:stream';
import { InMemoryBlobStore } from '../testing/in-memory-blob-store';
import { InMemoryFileCatalog } from '../testing/in-memory-file-catalog';
import type { Actor } from './actor';
import { FileService } from './file-service';
import { sweep } from './sweep/sweeper';

// A client with no identity: it owns nothing and sees what everyone sees.
const ANYONE = { isAdmin: false };

const T0 = new Date('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;
const ALICE: Actor = { ownerId: 'alice', isAdmin: false };
const BOB: Actor = { ownerId: 'bob', isAdmin: false };
const NOBODY: Actor = { isAdmin: false };
const ADMIN: Actor = { ownerId: 'operator', isAdmin: true };

function setup() {
  let now = T0;
  const clock = () => now;
  const catalog = new InMemoryFileCatalog(clock);
  const blobs = new InMemoryBlobStore(clock);
  const service = new FileService({ catalog, blobs, maxUploadBytes: 1024, clock, trashRetentionSeconds: 24 * 3600 });
  const advance = (ms: number) => (now = new Date(now.getTime() + ms));
  return { catalog, blobs, service, advance, now: () => now };
}

const upload = (service: FileService, ownerId?: string, body = 'hello') =>
  service.upload(Readable.from([Buffer.from(body)]), { name: 'a.txt', contentType: 'text/plain', ownerId }, 'i-test');

describe('FileService ownership', () => {
  it('records the uploader as owner and lists it with the file', async () => {
    const { service } = setup();
    const { id } = await upload(service, 'alice');
    expect((await service.list({}, ANYONE)).files).toEqual([expect.objectContaining({ id, ownerId: 'alice' })]);
  });

  it.each([
    ['another owner', BOB],
    ['a client with no identity', NOBODY],
  ])('refuses a delete by %s with NOT_OWNER and keeps the file listed', async (_who, actor) => {
    // GIVEN Alice's file
    const { service } = setup();
    const { id } = await upload(service, 'alice');
    // WHEN someone else deletes it
    await expect(service.delete(id, actor)).rejects.toMatchObject({ kind: 'forbidden', code: 'NOT_OWNER' });
    // THEN it is still listed and readable
    expect((await service.list({}, ANYONE)).files.map((f) => f.id)).toEqual([id]);
    expect((await service.get(id, ANYONE)).id).toBe(id);
  });

  it('refuses purge and restore by another owner', async () => {
    const { service } = setup();
    const { id } = await upload(service, 'alice');
    await expect(service.purge(id, BOB)).rejects.toMatchObject({ code: 'NOT_OWNER' });
    await service.delete(id, ALICE);
    await expect(service.restore(id, BOB)).rejects.toMatchObject({ code: 'NOT_OWNER' });
    expect((await service.listTrash(BOB)).files).toEqual([]);
  });

  it('lets only an admin delete a file stored before files had owners', async () => {
    const { service } = setup();
    const { id } = await upload(service, undefined);
    await expect(service.delete(id, ALICE)).rejects.toMatchObject({ code: 'NOT_OWNER' });
    await service.delete(id, ADMIN);
    expect((await service.list({}, ANYONE)).files).toEqual([]);
  });
});

describe('FileService delete and undo', () => {
  it("hides a deleted file at once and shows it in its owner's trash until the retention ends", async () => {
    // GIVEN Alice deleted her file
    const { service, blobs } = setup();
    const { id } = await upload(service, 'alice');
    await service.delete(id, ALICE);
    // THEN it is neither listed nor downloadable, its body is kept and marked deleted, and her trash shows it
    expect((await service.list({}, ANYONE)).files).toEqual([]);
    await expect(service.get(id, ANYONE)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect([...blobs.objects.keys()]).toEqual([`files/${id}`, `trash-markers/${id}`]);
    expect((await service.listTrash(ALICE)).files).toEqual([
      expect.objectContaining({
        id,
        deletedAt: T0.toISOString(),
        restorableUntil: new Date(T0.getTime() + 24 * HOUR).toISOString(),
      }),
    ]);
  });

  it('restores the same id, name and bytes', async () => {
    const { service } = setup();
    const original = await upload(service, 'alice', 'the bytes');
    await service.delete(original.id, ALICE);
    const restored = await service.restore(original.id, ALICE);
    expect(restored).toEqual(original);
    const opened = await service.open(original.id, ANYONE);
    expect((await opened.body.toArray()).join('')).toBe('the bytes');
    expect((await service.listTrash(ALICE)).files).toEqual([]);
  });

  it('removes the trash marker on restore, so a rebuilt catalog lists the file again', async () => {
    const { service, blobs } = setup();
    const { id } = await upload(service, 'alice');
    await service.delete(id, ALICE);
    await service.restore(id, ALICE);
    expect([...blobs.objects.keys()]).toEqual([`files/${id}`]);
  });

  it('shows a user whose id is "everyone" only their own deleted files', async () => {
    // GIVEN Alice's deleted file
    const { service } = setup();
    const { id } = await upload(service, 'alice');
    await service.delete(id, ALICE);
    // WHEN an IdP user with the sub "everyone" lists the trash
    const listed = await service.listTrash({ ownerId: 'everyone', isAdmin: false });
    // THEN
    expect(listed.files).toEqual([]);
  });

  it("lets an admin see and restore anyone's deleted file", async () => {
    const { service } = setup();
    const { id } = await upload(service, 'alice');
    await service.delete(id, ALICE);
    expect((await service.listTrash(ADMIN)).files.map((f) => f.id)).toEqual([id]);
    await service.restore(id, ADMIN);
    expect((await service.list({}, ANYONE)).files.map((f) => f.id)).toEqual([id]);
  });

  it('treats a repeated delete and a repeated restore as done', async () => {
    const { service } = setup();
    const { id } = await upload(service, 'alice');
    await service.delete(id, ALICE);
    await service.delete(id, ALICE);
    await service.restore(id, ALICE);
    await expect(service.restore(id, ALICE)).resolves.toMatchObject({ id });
  });

  it('refuses to restore once the retention has passed', async () => {
    const { service, advance } = setup();
    const { id } = await upload(service, 'alice');
    await service.delete(id, ALICE);
    advance(25 * HOUR);
    await expect(service.restore(id, ALICE)).rejects.toMatchObject({ kind: 'not-found', code: 'RESTORE_EXPIRED' });
    expect((await service.listTrash(ALICE)).files).toEqual([]);
  });

  it('deletes forever, body and record, from the trash', async () => {
    const { service, catalog, blobs } = setup();
    const { id } = await upload(service, 'alice');
    await service.delete(id, ALICE);
    await service.purge(id, ALICE);
    expect([catalog.entries.size, blobs.objects.size]).toEqual([0, 0]);
    await expect(service.restore(id, ALICE)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('leaves the sweeper a deleted file until its retention ends, then removes body and record', async () => {
    // GIVEN a file deleted at T0 and a retention of 24 hours
    const { service, catalog, blobs, now, advance } = setup();
    const { id } = await upload(service, 'alice');
    await service.delete(id, ALICE);
    const options = { catalog, blobs, graceSeconds: 3600, trashRetentionSeconds: 24 * 3600 };
    // WHEN the sweeper runs after 23 hours, and again after 25
    advance(23 * HOUR);
    const early = await sweep({ ...options, now: now() });
    advance(2 * HOUR);
    const late = await sweep({ ...options, now: now() });
    // THEN only the second sweep removes it
    expect([early.expiredTrash, late.expiredTrash]).toEqual([[], [id]]);
    expect([catalog.entries.size, blobs.objects.size]).toEqual([0, 0]);
  });

  it('never sweeps a file that was restored after the sweeper listed it', async () => {
    // GIVEN the sweeper saw an expired trashed entry, and the owner restored it before the claim
    const { service, catalog, blobs, advance } = setup();
    const { id } = await upload(service, 'alice');
    await service.delete(id, ALICE);
    advance(HOUR);
    const [seen] = [...catalog.entries.values()];
    await catalog.markRestored(id);
    // WHEN the sweeper claims what it saw
    const claimed = await catalog.markDeleting(id, { state: seen.state, updatedAt: seen.updatedAt });
    // THEN the claim fails and the file stays listed
    expect(claimed).toBeUndefined();
    expect((await service.list({}, ANYONE)).files.map((f) => f.id)).toEqual([id]);
    expect(blobs.objects.has(`files/${id}`)).toBe(true);
  });
});

describe('FileService "Recently deleted" pages', () => {
  it('pages through an owner’s deleted files newest delete first, each once', async () => {
    // GIVEN 105 of Alice's files deleted one minute apart, the oldest upload deleted last
    const { service, advance } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 105; i++) ids.push((await upload(service, 'alice')).id);
    for (const id of [...ids].reverse()) {
      advance(60_000);
      await service.delete(id, ALICE);
    }
    // WHEN she pages through her trash 50 at a time
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.listTrash(ALICE, { limit: '50', cursor });
      seen.push(...page.files.map((f) => f.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // THEN the newest delete (the oldest upload) comes first and none is hidden
    expect(seen).toEqual(ids);
  });

  it('refuses a listing cursor as a trash cursor with INVALID_CURSOR', async () => {
    const { service } = setup();
    const page = await service.list({ limit: '1' }, ANYONE);
    await expect(service.listTrash(ALICE, { cursor: page.nextCursor ?? 'eyJ2IjoxfQ' })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });
});
