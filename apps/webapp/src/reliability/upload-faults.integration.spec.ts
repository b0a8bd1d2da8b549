import request from 'supertest';
import { sweep } from '@ha-uploads/files';
import { useAppFleet } from '../testing/reliability/app-fleet';
import { eventually, startStreamingUpload } from '@ha-uploads/process/testing';
import { clearStoredState, storedItems, storedObjectKeys, storedState } from '../testing/reliability/stored-state';

const MiB = 1024 * 1024;

const { backends, app } = useAppFleet({
  // The smallest part size S3 allows, so a few MiB already make a multipart upload with parts in flight.
  backends: { env: { UPLOAD_PART_SIZE_BYTES: String(5 * MiB) } },
  instances: { app: { instanceId: 'faults' } },
});

beforeEach(async () => {
  // A failed test must not leave a backend down for the next one; both starts are no-ops when running.
  await Promise.all([backends.startS3(), backends.startDynamo()]);
  await clearStoredState(backends);
});

const upload = (name = 'a.txt') => request(app.url).post('/api/files').attach('file', Buffer.from('some bytes'), name);
const listed = async () => (await request(app.url).get('/api/files')).body.files as { id: string }[];
/** Waits until the upload's PENDING record exists: the body is being streamed to S3. */
const pendingId = () =>
  eventually(async () => {
    const [item] = await storedItems(backends);
    expect(item?.state).toBe('PENDING');
    return item.id;
  });
/** A sweep that treats everything as past its grace period (instead of waiting out the grace). */
const sweepNow = () =>
  sweep({ catalog: backends.catalog, blobs: backends.blobStore, graceSeconds: 1, now: new Date(Date.now() + 5_000) });

/** Status, error code and Retry-After of an upload made after `stop` took a backend down. */
async function refusalWhile(stop: () => Promise<unknown>) {
  await stop();
  const res = await upload();
  return [res.status, res.body.error.code, res.headers['retry-after']];
}

describe('a backend is down at upload', () => {
  it.each([
    ['S3', 'STORAGE_UNAVAILABLE', () => backends.stopS3()],
    ['DynamoDB', 'CATALOG_UNAVAILABLE', () => backends.stopDynamo()],
  ])('answers 503 with Retry-After when %s is down: %s', async (_backend, code, stop) => {
    expect(await refusalWhile(stop)).toEqual([503, code, '5']);
  });
});

describe('S3 is down at upload', () => {
  it('leaves only a hidden PENDING record, which the sweep removes once S3 is back', async () => {
    await backends.stopS3();
    await upload();
    // The record marks whatever S3 may hold as a leftover; an object without a record is never deleted.
    expect((await storedItems(backends)).map((item) => item.state)).toEqual(['PENDING']);
    expect(await listed()).toEqual([]);
    await backends.startS3();
    await sweepNow();
    expect(await storedState(backends)).toEqual({ items: [], objects: [] });
  });

  it('leaves only a hidden record when S3 goes down while the body streams, which the sweep removes', async () => {
    // GIVEN an upload whose PENDING record exists
    const stream = startStreamingUpload(app.url, { fileBytes: 2 * MiB });
    await stream.write(Buffer.alloc(MiB, 1));
    await pendingId();
    // WHEN S3 goes away before the body ends
    await backends.stopS3();
    await stream.write(Buffer.alloc(MiB, 2));
    const res = await stream.finish();
    // THEN
    expect([res.status, (res.json as { error: { code: string } }).error.code]).toEqual([503, 'STORAGE_UNAVAILABLE']);
    expect((await storedItems(backends)).map((item) => item.state)).toEqual(['PENDING']);
    await backends.startS3();
    await sweepNow();
    expect(await storedState(backends)).toEqual({ items: [], objects: [] });
  });
});

describe('DynamoDB is down at upload', () => {
  it('leaves no object in S3', async () => {
    await backends.stopDynamo();
    await upload();
    expect(await storedObjectKeys(backends)).toEqual([]);
  });

  it('keeps the body of an upload whose READY write failed until the sweep, never listing it', async () => {
    // GIVEN an upload whose PENDING record exists
    const stream = startStreamingUpload(app.url, { fileBytes: 2 * MiB });
    await stream.write(Buffer.alloc(MiB, 1));
    const id = await pendingId();
    // WHEN DynamoDB goes away before the body ends (markReady fails; whether it landed is unknown)
    await backends.stopDynamo();
    await stream.write(Buffer.alloc(MiB, 2));
    const res = await stream.finish();
    expect([res.status, (res.json as { error: { code: string } }).error.code]).toEqual([503, 'CATALOG_UNAVAILABLE']);
    // THEN the body stays with its hidden record (deleting it could strip a READY record of its body) ...
    await backends.startDynamo();
    expect((await storedItems(backends)).map((i) => [i.id, i.state])).toEqual([[id, 'PENDING']]);
    expect(await listed()).toEqual([]);
    // ... and the sweep past the grace period removes both
    expect((await sweepNow()).staleEntries).toEqual([id]);
    expect(await storedState(backends)).toEqual({ items: [], objects: [] });
  });

  it('leaves only a hidden PENDING record, which the sweep removes', async () => {
    // GIVEN DynamoDB went down mid-upload, so the PENDING record could not be removed
    const stream = startStreamingUpload(app.url, { fileBytes: MiB });
    await stream.write(Buffer.alloc(MiB / 2, 1));
    const id = await pendingId();
    await backends.stopDynamo();
    await stream.write(Buffer.alloc(MiB / 2, 2));
    await stream.finish();
    await backends.startDynamo();
    // THEN it is never listed, and a sweep past the grace period removes it
    expect((await storedItems(backends)).map((i) => [i.id, i.state])).toEqual([[id, 'PENDING']]);
    expect(await listed()).toEqual([]);
    expect((await sweepNow()).staleEntries).toEqual([id]);
    expect(await storedState(backends)).toEqual({ items: [], objects: [] });
  });
});

describe('the client aborts mid-upload', () => {
  it('lists nothing and leaves nothing once the server has cleaned up', async () => {
    // GIVEN an upload that has started streaming
    const stream = startStreamingUpload(app.url, { fileBytes: 4 * MiB });
    await stream.write(Buffer.alloc(MiB, 1));
    await pendingId();
    // WHEN the client goes away
    stream.abort();
    // THEN
    await eventually(async () => expect(await storedState(backends)).toEqual({ items: [], objects: [] }));
    expect(await listed()).toEqual([]);
  });

  it('leaves nothing when parts were already on their way to S3', async () => {
    // GIVEN more than one part (5 MiB) streamed: a multipart upload with a part in flight
    const stream = startStreamingUpload(app.url, { fileBytes: 12 * MiB });
    for (let i = 0; i < 7; i += 1) await stream.write(Buffer.alloc(MiB, i));
    await pendingId();
    // WHEN the client goes away
    stream.abort();
    // THEN
    await eventually(async () => expect(await storedState(backends)).toEqual({ items: [], objects: [] }));
    expect(await listed()).toEqual([]);
  });

  it('keeps serving other uploads afterwards', async () => {
    const stream = startStreamingUpload(app.url, { fileBytes: MiB });
    await stream.write(Buffer.alloc(1024));
    await pendingId();
    stream.abort();
    const res = await upload('after.txt');
    expect([res.status, res.body.files[0].name]).toEqual([201, 'after.txt']);
  });
});
