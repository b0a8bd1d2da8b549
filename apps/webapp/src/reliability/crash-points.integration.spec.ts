import { Readable } from 'node:stream';
import request from 'supertest';
import { newFileId, objectKeyFor, sweep } from '@ha-uploads/files';
import { useAppFleet } from '../testing/reliability/app-fleet';
import { clearStoredState, storedState } from '../testing/reliability/stored-state';

// A process can die between any two steps of an upload, a delete or a sweep. Each test builds, with the real
// adapters, exactly the state such a crash leaves, then checks it is never listed and that a sweep clears it.
const { backends, app } = useAppFleet({
  instances: { app: { instanceId: 'crash-points' } },
});

beforeEach(() => clearStoredState(backends));

const putRecord = (id: string) =>
  backends.catalog.putPending({
    id,
    name: `${id}.txt`,
    contentType: 'text/plain',
    objectKey: objectKeyFor(id),
    uploadedBy: 'crashed',
    uploadedAt: new Date().toISOString(),
  });
const putObject = (id: string) =>
  backends.blobStore.put(objectKeyFor(id), Readable.from([Buffer.from('body')]), {
    contentType: 'text/plain',
    maxBytes: 1024,
  });
const listedIds = async () => (await request(app.url).get('/api/files')).body.files.map((f: { id: string }) => f.id);
const sweepPastGrace = () =>
  sweep({ catalog: backends.catalog, blobs: backends.blobStore, graceSeconds: 1, now: new Date(Date.now() + 5_000) });
const NOTHING = { items: [], objects: [] };

describe('a crash during an upload', () => {
  it('after the PENDING record, before the body: hidden, and the sweep removes the record', async () => {
    const id = newFileId();
    await putRecord(id);
    expect(await listedIds()).toEqual([]);
    expect((await sweepPastGrace()).staleEntries).toEqual([id]);
    expect(await storedState(backends)).toEqual(NOTHING);
  });

  it('after the body is in S3, before READY: hidden, and the sweep removes record and object', async () => {
    const id = newFileId();
    await putRecord(id);
    await putObject(id);
    expect(await listedIds()).toEqual([]);
    expect((await request(app.url).get(`/files/${id}`)).status).toBe(404);
    await sweepPastGrace();
    expect(await storedState(backends)).toEqual(NOTHING);
  });

  it('an object with neither entry nor record metadata: the sweep reports it as foreign and keeps it', async () => {
    const id = newFileId();
    await putObject(id);
    expect((await sweepPastGrace()).foreignObjects).toEqual([objectKeyFor(id)]);
    expect((await storedState(backends)).objects).toEqual([objectKeyFor(id)]);
  });
});

describe('a crash during a delete', () => {
  async function readyFile(): Promise<string> {
    return (await ownedFile()).id;
  }

  async function ownedFile(): Promise<{ id: string; token: string }> {
    const res = await request(app.url).post('/api/files').attach('file', Buffer.from('x'), 'doomed.txt');
    return { id: res.body.files[0].id, token: res.body.ownerToken };
  }

  // A delete and a restore change the entry and its trash listing in one transaction (libs/storage's catalog), so
  // they have no crash point between the two; the purge below still has one, between the catalog and the bucket.
  it('during a purge, after hiding the file, before deleting its object: hidden at once, and the sweep finishes it', async () => {
    const { id, token } = await ownedFile();
    await request(app.url).delete(`/api/files/${id}`).auth(token, { type: 'bearer' });
    await backends.catalog.markDeleting(id);
    expect(await listedIds()).toEqual([]);
    expect((await request(app.url).get('/api/trash').auth(token, { type: 'bearer' })).body.files).toEqual([]);
    expect((await sweepPastGrace()).staleEntries).toEqual([id]);
    expect(await storedState(backends)).toEqual(NOTHING);
  });

  it('after hiding the file, before deleting its object: the sweep removes record and object', async () => {
    const id = await readyFile();
    await backends.catalog.markDeleting(id);
    expect((await sweepPastGrace()).staleEntries).toEqual([id]);
    expect(await storedState(backends)).toEqual(NOTHING);
  });

  it('after deleting the object, before removing the record: hidden, and the sweep removes the record', async () => {
    const id = await readyFile();
    await backends.catalog.markDeleting(id);
    await backends.blobStore.delete(objectKeyFor(id));
    expect(await listedIds()).toEqual([]);
    await sweepPastGrace();
    expect(await storedState(backends)).toEqual(NOTHING);
  });
});

describe('the sweep itself', () => {
  it('leaves leftovers younger than the grace period alone: they may be uploads in flight', async () => {
    const id = newFileId();
    await putRecord(id);
    await putObject(newFileId());
    const report = await sweep({ catalog: backends.catalog, blobs: backends.blobStore, graceSeconds: 3_600 });
    expect(report).toEqual({ staleEntries: [], adoptedObjects: [], foreignObjects: [], expiredTrash: [] });
  });

  it('never touches a READY file or its object', async () => {
    const res = await request(app.url).post('/api/files').attach('file', Buffer.from('keep'), 'keep.txt');
    await sweepPastGrace();
    expect(await listedIds()).toEqual([res.body.files[0].id]);
    expect((await storedState(backends)).objects).toEqual([objectKeyFor(res.body.files[0].id)]);
  });
});
