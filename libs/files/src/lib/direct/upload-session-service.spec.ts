import { createHash } from 'node:crypto';
import { InMemoryBlobStore, InMemoryFileCatalog, InMemoryMultipartStore } from '../../testing';
import { sweep } from '../sweep/sweeper';
import { UploadSessionService } from './upload-session-service';

const MiB = 1024 * 1024;
const OWNER = { ownerId: 'owner-a', isAdmin: false };
const OTHER = { ownerId: 'owner-b', isAdmin: false };

function setup(options: { now?: () => Date } = {}) {
  const catalog = new InMemoryFileCatalog(options.now);
  const blobs = new InMemoryBlobStore();
  const multipart = new InMemoryMultipartStore(blobs);
  const sessions = new UploadSessionService({ catalog, multipart, blobs, maxBytes: 100 * MiB, clock: options.now });
  return { catalog, blobs, multipart, sessions };
}

function bodyOf(size: number): Buffer {
  return Buffer.alloc(size, 7);
}

async function uploadAll(t: ReturnType<typeof setup>, id: string, body: Buffer, partSize: number) {
  const session = t.catalog.entries.get(id)?.session;
  const parts = [];
  for (let n = 1; n * partSize - partSize < body.length; n++) {
    const stored = t.multipart.putPart(session?.uploadId ?? '', n, body.subarray((n - 1) * partSize, n * partSize));
    parts.push({ partNumber: n, ...stored });
  }
  return parts;
}

// A fresh service with one session of `size` bytes (named "a", owned by owner-a) whose parts are all stored.
async function storedSession(size: number) {
  const t = setup();
  const created = await t.sessions.create({ name: 'a', size, ownerId: 'owner-a' }, 'i-1');
  const parts = await uploadAll(t, created.id, bodyOf(size), created.partSize);
  return { t, created, parts };
}

/** A 10-byte stored session its owner completes with a wrong ETag: what it was refused with (undefined if not). */
async function completedWithWrongEtag() {
  const {
    t,
    created,
    parts: [part],
  } = await storedSession(10);
  const refusal = t.sessions.complete(created.id, OWNER, [{ ...part, etag: '"0000"' }]).then(
    () => undefined,
    (err: unknown) => err,
  );
  return { t, created, part, refusal };
}

describe('UploadSessionService', () => {
  it('completes a session into a READY file with S3 composite checksum and the declared size', async () => {
    // GIVEN a 20 MiB session whose three parts are stored
    const t = setup();
    const body = bodyOf(20 * MiB);
    const created = await t.sessions.create({ name: 'big.bin', size: body.length, ownerId: 'owner-a' }, 'i-1');
    const parts = await uploadAll(t, created.id, body, created.partSize);
    // WHEN completed
    const record = await t.sessions.complete(created.id, OWNER, parts);
    // THEN the file is READY with its size and a SHA-256 composite checksum of 3 parts
    expect(created.partCount).toBe(3);
    expect(record).toMatchObject({
      id: created.id,
      size: body.length,
      checksum: { algorithm: 'SHA256', type: 'COMPOSITE' },
    });
    expect(record.checksum?.value).toMatch(/-3$/);
    expect(t.catalog.entries.get(created.id)?.state).toBe('READY');
    expect(t.catalog.entries.get(created.id)?.session).toBeUndefined();
  });

  it("refuses another owner's session with NOT_OWNER", async () => {
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    await expect(t.sessions.status(created.id, OTHER)).rejects.toMatchObject({ code: 'NOT_OWNER' });
  });

  it('refuses completing with missing parts with MISSING_PARTS, and keeps the session', async () => {
    const { t, created, parts } = await storedSession(20 * MiB);
    await expect(t.sessions.complete(created.id, OWNER, parts.slice(0, 2))).rejects.toMatchObject({
      code: 'MISSING_PARTS',
    });
    expect(t.catalog.entries.get(created.id)?.state).toBe('PENDING');
  });

  it('refuses a part list that does not match the stored parts with PARTS_MISMATCH', async () => {
    const { refusal } = await completedWithWrongEtag();
    expect(await refusal).toMatchObject({ code: 'PARTS_MISMATCH' });
  });

  it('lets one of two complete calls at once join the parts, and the other answer UPLOAD_COMPLETING', async () => {
    // GIVEN a session with its parts stored
    const { t, created, parts } = await storedSession(10);
    // WHEN two complete calls run at once
    const outcomes = await Promise.allSettled([
      t.sessions.complete(created.id, OWNER, parts),
      t.sessions.complete(created.id, OWNER, parts),
    ]);
    // THEN one made the file and the other was refused as a conflict, and the file is READY once
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({
      reason: { code: 'UPLOAD_COMPLETING', kind: 'conflict' },
    });
    expect(t.catalog.entries.get(created.id)?.state).toBe('READY');
  });

  it('answers a complete sent again after it succeeded with the same file', async () => {
    const { t, created, parts } = await storedSession(10);
    const first = await t.sessions.complete(created.id, OWNER, parts);
    await expect(t.sessions.complete(created.id, OWNER, parts)).resolves.toEqual(first);
    await expect(t.sessions.complete(created.id, OTHER, parts)).rejects.toMatchObject({
      code: 'UPLOAD_SESSION_NOT_FOUND',
    });
  });

  it('completes on a retry when the first call joined the parts but failed to write READY', async () => {
    // GIVEN a catalog whose first READY write fails
    const { t, created, parts } = await storedSession(10);
    const markReady = t.catalog.markReady.bind(t.catalog);
    let failures = 1;
    t.catalog.markReady = async (...args) => {
      if (failures-- > 0) throw new Error('throttled');
      return markReady(...args);
    };
    // WHEN completed twice / THEN the first fails, and the retry finds the joined object and makes the file
    await expect(t.sessions.complete(created.id, OWNER, parts)).rejects.toThrow('throttled');
    await expect(t.sessions.complete(created.id, OWNER, parts)).resolves.toMatchObject({ id: created.id, size: 10 });
    expect(t.catalog.entries.get(created.id)?.state).toBe('READY');
  });

  it('lets go of the session when joining the parts failed, so a corrected call completes at once', async () => {
    const { t, created, part, refusal } = await completedWithWrongEtag();
    expect(await refusal).toMatchObject({ code: 'PARTS_MISMATCH' });
    expect(t.catalog.entries.get(created.id)?.session?.completingUntil).toBeUndefined();
    await expect(t.sessions.complete(created.id, OWNER, [part])).resolves.toMatchObject({ size: 10 });
  });

  it('refuses to abort a session while a complete call holds it, and allows it once the claim ran out', async () => {
    // GIVEN a session claimed by a complete call that died
    let now = new Date('2026-01-01T00:00:00Z');
    const t = setup({ now: () => now });
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    await t.catalog.claimSessionCompletion(
      created.id,
      { now: now.toISOString(), until: new Date(now.getTime() + 300_000).toISOString() },
      { ownerId: 'owner-a' },
    );
    // WHEN aborted within the claim / THEN UPLOAD_COMPLETING, and after it the abort goes through
    await expect(t.sessions.abort(created.id, OWNER)).rejects.toMatchObject({ code: 'UPLOAD_COMPLETING' });
    now = new Date('2026-01-01T00:05:01Z');
    await t.sessions.abort(created.id, OWNER);
    expect(t.catalog.entries.has(created.id)).toBe(false);
  });

  it('deletes the object and the entry when the parts add up to another size (SIZE_MISMATCH)', async () => {
    // GIVEN a session declared at 10 bytes whose one part holds 12
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    const [part] = await uploadAll(t, created.id, bodyOf(12), 12);
    // WHEN completed / THEN 400 SIZE_MISMATCH, nothing kept or listed
    await expect(t.sessions.complete(created.id, OWNER, [part])).rejects.toMatchObject({ code: 'SIZE_MISMATCH' });
    expect(t.blobs.objects.size).toBe(0);
    expect(t.catalog.entries.size).toBe(0);
  });

  it('refuses a part number out of range with PART_OUT_OF_RANGE', async () => {
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    const checksum = createHash('sha256').update('x').digest('base64');
    await expect(t.sessions.sign(created.id, OWNER, [{ partNumber: 2, checksum }])).rejects.toMatchObject({
      code: 'PART_OUT_OF_RANGE',
    });
  });

  it('answers UPLOAD_SESSION_EXPIRED once the lifetime is over', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const t = setup({ now: () => now });
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    now = new Date('2026-01-02T00:00:01Z');
    await expect(t.sessions.status(created.id, OWNER)).rejects.toMatchObject({
      code: 'UPLOAD_SESSION_EXPIRED',
      kind: 'gone',
    });
  });

  it('lets go of the claim when an abort fails before it ends the session, so a retry goes through', async () => {
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    jest.spyOn(t.catalog, 'markDeleting').mockRejectedValueOnce(new Error('throttled'));
    await expect(t.sessions.abort(created.id, OWNER)).rejects.toThrow('throttled');
    expect(t.catalog.entries.get(created.id)?.session?.completingUntil).toBeUndefined();
    await t.sessions.abort(created.id, OWNER);
    expect(t.catalog.entries.has(created.id)).toBe(false);
  });

  it('removes an aborted session, which then answers UPLOAD_SESSION_NOT_FOUND', async () => {
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    await t.sessions.abort(created.id, OWNER);
    expect(t.multipart.uploads.size).toBe(0);
    await expect(t.sessions.status(created.id, OWNER)).rejects.toMatchObject({ code: 'UPLOAD_SESSION_NOT_FOUND' });
  });

  it('reports the parts S3 lists, in order and with their sizes, so a reloaded page sends only the others', async () => {
    // GIVEN a 20 MiB session whose parts 3 and 1 are stored
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 20 * MiB, ownerId: 'owner-a' }, 'i-1');
    const uploadId = t.catalog.entries.get(created.id)?.session?.uploadId ?? '';
    const third = t.multipart.putPart(uploadId, 3, bodyOf(4 * MiB));
    const first = t.multipart.putPart(uploadId, 1, bodyOf(8 * MiB));
    // WHEN asked for the status / THEN both parts, as ListParts reports them
    const status = await t.sessions.status(created.id, OWNER);
    expect(status.parts).toEqual([
      { partNumber: 1, etag: first.etag, checksum: first.checksum, size: 8 * MiB },
      { partNumber: 3, etag: third.etag, checksum: third.checksum, size: 4 * MiB },
    ]);
  });

  it('answers NO_SUCH_UPLOAD for the status of a session whose upload S3 no longer holds and never joined', async () => {
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    t.multipart.uploads.clear();
    await expect(t.sessions.status(created.id, OWNER)).rejects.toMatchObject({
      code: 'NO_SUCH_UPLOAD',
      kind: 'not-found',
    });
  });

  it('completes with the claim as its only read of the session: the entry is not fetched first', async () => {
    const { t, created, parts } = await storedSession(10);
    const reads = jest.spyOn(t.catalog, 'get');
    await t.sessions.complete(created.id, OWNER, parts);
    expect(reads).not.toHaveBeenCalled();
  });

  it.each([
    ["another owner's session", OTHER, 'NOT_OWNER'],
    ['a session past its lifetime', OWNER, 'UPLOAD_SESSION_EXPIRED'],
  ])('refuses completing %s with %s, and leaves it unclaimed', async (_what, actor, code) => {
    let now = new Date('2026-01-01T00:00:00Z');
    const t = setup({ now: () => now });
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    const parts = await uploadAll(t, created.id, bodyOf(10), created.partSize);
    if (code === 'UPLOAD_SESSION_EXPIRED') now = new Date('2026-01-02T00:00:00Z');
    await expect(t.sessions.complete(created.id, actor, parts)).rejects.toMatchObject({ code });
    expect(t.catalog.entries.get(created.id)?.session?.completingUntil).toBeUndefined();
  });

  it('lets its owner abort a session past its lifetime', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const t = setup({ now: () => now });
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    now = new Date('2026-01-03T00:00:00Z');
    await t.sessions.abort(created.id, OWNER);
    expect(t.catalog.entries.has(created.id)).toBe(false);
  });

  it('finishes, when asked for the status, a session S3 joined before its READY write failed', async () => {
    // GIVEN a session whose parts S3 joined, while its entry stayed PENDING (the complete call died after the join)
    const { t, created, parts } = await storedSession(20 * MiB);
    const pending = t.catalog.entries.get(created.id);
    await t.multipart.complete(pending?.objectKey ?? '', pending?.session?.uploadId ?? '', parts);
    // WHEN the client asks for the status / THEN the session is gone (the page then finds the file) and the file READY
    await expect(t.sessions.status(created.id, OWNER)).rejects.toMatchObject({ code: 'UPLOAD_SESSION_NOT_FOUND' });
    expect(t.catalog.entries.get(created.id)).toMatchObject({
      state: 'READY',
      size: 20 * MiB,
      checksum: { type: 'COMPOSITE' },
    });
  });

  it('answers UPLOAD_COMPLETING for the status of a joined session while a complete call still holds it', async () => {
    const { t, created, parts } = await storedSession(10);
    const pending = t.catalog.entries.get(created.id);
    await t.multipart.complete(pending?.objectKey ?? '', pending?.session?.uploadId ?? '', parts);
    const now = new Date();
    await t.catalog.claimSessionCompletion(
      created.id,
      { now: now.toISOString(), until: new Date(now.getTime() + 60_000).toISOString() },
      { ownerId: 'owner-a' },
    );
    await expect(t.sessions.status(created.id, OWNER)).rejects.toMatchObject({ code: 'UPLOAD_COMPLETING' });
    expect(t.catalog.entries.get(created.id)?.state).toBe('PENDING');
  });

  it('signs a batch of parts in one call to the store, each bound to its own length', async () => {
    // GIVEN a 20 MiB session of three parts / WHEN all three are signed at once
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 20 * MiB, ownerId: 'owner-a' }, 'i-1');
    const last = bodyOf(4 * MiB);
    const checksum = createHash('sha256').update(last).digest('base64');
    const signed = await t.sessions.sign(
      created.id,
      OWNER,
      [1, 2, 3].map((partNumber) => ({ partNumber, checksum })),
    );
    // THEN one store call signed them, in order, and the last URL takes 4 MiB, not 8
    expect(t.multipart.signCalls).toBe(1);
    expect(signed.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    const put = (body: Buffer) =>
      t.multipart.fetch(signed.parts[2].url, { method: 'PUT', headers: signed.parts[2].headers, body });
    expect((await put(bodyOf(8 * MiB))).status).toBe(403);
    expect((await put(last)).status).toBe(200);
  });

  it.each([
    ['an empty list', []],
    [
      'more than 100 parts',
      Array.from({ length: 101 }, () => ({
        partNumber: 1,
        checksum: createHash('sha256').update('x').digest('base64'),
      })),
    ],
  ])('refuses signing %s with INVALID_PARTS', async (_what, parts) => {
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    await expect(t.sessions.sign(created.id, OWNER, parts)).rejects.toMatchObject({ code: 'INVALID_PARTS' });
  });

  it('has the sweeper leave a session past its lifetime while a complete call holds it, and take it once the claim ran out', async () => {
    // GIVEN a session whose complete call claimed it a second before its lifetime ended
    let now = new Date('2026-01-01T00:00:00Z');
    const t = setup({ now: () => now });
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    const claim = { now: '2026-01-01T23:59:59.000Z', until: '2026-01-02T00:04:59.000Z' };
    expect(await t.catalog.claimSessionCompletion(created.id, claim, { ownerId: 'owner-a' })).toBeDefined();
    // WHEN swept while the claim holds / THEN it stays
    now = new Date('2026-01-02T00:01:00Z');
    const during = await sweep({ catalog: t.catalog, blobs: t.blobs, multipart: t.multipart, graceSeconds: 0, now });
    expect(during.staleEntries).toEqual([]);
    // WHEN swept after the claim ran out / THEN it goes
    const after = await sweep({
      catalog: t.catalog,
      blobs: t.blobs,
      multipart: t.multipart,
      graceSeconds: 0,
      now: new Date('2026-01-02T00:05:00Z'),
    });
    expect(after.staleEntries).toEqual([created.id]);
  });

  it('lets the sweeper abort and remove a session past its lifetime, and leave a younger one', async () => {
    // GIVEN two sessions, one created 25 hours before the sweep
    let now = new Date('2026-01-01T00:00:00Z');
    const t = setup({ now: () => now });
    const old = await t.sessions.create({ name: 'old', size: 10, ownerId: 'owner-a' }, 'i-1');
    now = new Date('2026-01-01T23:00:00Z');
    const young = await t.sessions.create({ name: 'young', size: 10, ownerId: 'owner-a' }, 'i-1');
    // WHEN swept an hour later with a one-hour grace, as if every entry were an hour stale
    const report = await sweep({
      catalog: t.catalog,
      blobs: t.blobs,
      multipart: t.multipart,
      graceSeconds: 0,
      now: new Date('2026-01-02T01:00:00Z'),
    });
    // THEN only the old session is gone, its multipart upload aborted
    expect(report.staleEntries).toEqual([old.id]);
    expect(t.catalog.entries.has(young.id)).toBe(true);
    expect(t.multipart.uploads.size).toBe(1);
  });
});
