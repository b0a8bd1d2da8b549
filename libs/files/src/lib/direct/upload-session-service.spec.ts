import { createHash } from 'node:crypto';
import { InMemoryBlobStore, InMemoryFileCatalog, InMemoryMultipartStore } from '../../testing';
import { sweep } from '../sweep/sweeper';
import { UploadSessionService } from './upload-session-service';

const MiB = 1024 * 1024;
const OWNER = { ownerId: 'owner-a', isAdmin: false };
const OTHER = { ownerId: 'owner-b', isAdmin: false };

function setup(options: { listsParts?: boolean; now?: () => Date } = {}) {
  const catalog = new InMemoryFileCatalog(options.now);
  const blobs = new InMemoryBlobStore();
  const multipart = new InMemoryMultipartStore(blobs, options.listsParts ?? true);
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
    expect(record).toMatchObject({ id: created.id, size: body.length, checksum: { algorithm: 'SHA256', type: 'COMPOSITE' } });
    expect(record.checksum?.value).toMatch(/-3$/);
    expect(t.catalog.entries.get(created.id)?.state).toBe('READY');
    expect(t.catalog.entries.get(created.id)?.session).toBeUndefined();
  });

  it('refuses another owner\'s session with NOT_OWNER', async () => {
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    await expect(t.sessions.status(created.id, OTHER)).rejects.toMatchObject({ code: 'NOT_OWNER' });
  });

  it('refuses completing with missing parts with MISSING_PARTS, and keeps the session', async () => {
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 20 * MiB, ownerId: 'owner-a' }, 'i-1');
    const parts = await uploadAll(t, created.id, bodyOf(20 * MiB), created.partSize);
    await expect(t.sessions.complete(created.id, OWNER, parts.slice(0, 2))).rejects.toMatchObject({ code: 'MISSING_PARTS' });
    expect(t.catalog.entries.get(created.id)?.state).toBe('PENDING');
  });

  it('refuses a part list that does not match the stored parts with PARTS_MISMATCH', async () => {
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    const [part] = await uploadAll(t, created.id, bodyOf(10), created.partSize);
    await expect(t.sessions.complete(created.id, OWNER, [{ ...part, etag: '"0000"' }])).rejects.toMatchObject({ code: 'PARTS_MISMATCH' });
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
    await expect(t.sessions.sign(created.id, OWNER, [{ partNumber: 2, checksum }])).rejects.toMatchObject({ code: 'PART_OUT_OF_RANGE' });
  });

  it('answers UPLOAD_SESSION_EXPIRED once the lifetime is over', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const t = setup({ now: () => now });
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    now = new Date('2026-01-02T00:00:01Z');
    await expect(t.sessions.status(created.id, OWNER)).rejects.toMatchObject({ code: 'UPLOAD_SESSION_EXPIRED', kind: 'gone' });
  });

  it('removes an aborted session, which then answers UPLOAD_SESSION_NOT_FOUND', async () => {
    const t = setup();
    const created = await t.sessions.create({ name: 'a', size: 10, ownerId: 'owner-a' }, 'i-1');
    await t.sessions.abort(created.id, OWNER);
    expect(t.multipart.uploads.size).toBe(0);
    await expect(t.sessions.status(created.id, OWNER)).rejects.toMatchObject({ code: 'UPLOAD_SESSION_NOT_FOUND' });
  });

  it('reports the client-confirmed parts where the store cannot list them', async () => {
    // GIVEN a store without ListParts and one confirmed part
    const t = setup({ listsParts: false });
    const created = await t.sessions.create({ name: 'a', size: 20 * MiB, ownerId: 'owner-a' }, 'i-1');
    const [first] = await uploadAll(t, created.id, bodyOf(20 * MiB), created.partSize);
    await t.sessions.confirm(created.id, OWNER, first);
    // WHEN asked for the status / THEN the confirmed part, said to come from the client
    const status = await t.sessions.status(created.id, OWNER);
    expect(status).toMatchObject({ partsFrom: 'client', parts: [{ partNumber: 1, etag: first.etag }] });
  });

  it('lets the sweeper abort and remove a session past its lifetime, and leave a younger one', async () => {
    // GIVEN two sessions, one created 25 hours before the sweep
    let now = new Date('2026-01-01T00:00:00Z');
    const t = setup({ now: () => now });
    const old = await t.sessions.create({ name: 'old', size: 10, ownerId: 'owner-a' }, 'i-1');
    now = new Date('2026-01-01T23:00:00Z');
    const young = await t.sessions.create({ name: 'young', size: 10, ownerId: 'owner-a' }, 'i-1');
    // WHEN swept an hour later with a one-hour grace, as if every entry were an hour stale
    const report = await sweep({ catalog: t.catalog, blobs: t.blobs, multipart: t.multipart, graceSeconds: 0, now: new Date('2026-01-02T01:00:00Z') });
    // THEN only the old session is gone, its multipart upload aborted
    expect(report.staleEntries).toEqual([old.id]);
    expect(t.catalog.entries.has(young.id)).toBe(true);
    expect(t.multipart.uploads.size).toBe(1);
  });
});
