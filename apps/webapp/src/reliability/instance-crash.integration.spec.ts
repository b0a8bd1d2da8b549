import request from 'supertest';
import { sweep } from '@ha-uploads/files';
import { startTestBackends, type TestBackends } from '@ha-uploads/storage/testing';
import { eventually, startStreamingUpload } from '@ha-uploads/process/testing';
import { storedItems, storedState } from '../testing/reliability/stored-state';
import { startWebappProcess, type WebappProcess } from '../testing/reliability/webapp-process';

const MiB = 1024 * 1024;

let backends: TestBackends;
let a: WebappProcess;
let b: WebappProcess;
let crashedUploadId: string;
let survivorUploadId: string;

// One crash for the whole file: spawning real processes is the slow part, every test reads its aftermath.
beforeAll(async () => {
  backends = await startTestBackends({ env: { UPLOAD_PART_SIZE_BYTES: String(5 * MiB) } });
  [a, b] = await Promise.all([
    startWebappProcess('crash-a', backends.env),
    startWebappProcess('crash-b', backends.env),
  ]);
  // GIVEN a file stored through B, and an upload to A that has streamed a part (multipart) to S3
  survivorUploadId = (await request(b.url).post('/api/files').attach('file', Buffer.from('kept'), 'kept.txt')).body
    .files[0].id;
  const stream = startStreamingUpload(a.url, { fileBytes: 16 * MiB, fileName: 'half.bin' });
  for (let i = 0; i < 6; i += 1) await stream.write(Buffer.alloc(MiB, i));
  crashedUploadId = await eventually(async () => {
    const [item] = (await storedItems(backends)).filter((i) => i.state === 'PENDING');
    expect(item?.state).toBe('PENDING');
    return item.id;
  });
  // WHEN A is killed mid-upload, with no chance to clean up
  await a.kill();
  stream.abort();
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await backends?.stop();
});

describe('an instance is killed with SIGKILL mid-upload', () => {
  it('keeps the other instance ready and accepting uploads', async () => {
    expect((await request(b.url).get('/healthz')).status).toBe(200);
    expect((await request(b.url).get('/readyz')).status).toBe(200);
    const res = await request(b.url).post('/api/files').attach('file', Buffer.from('after the crash'), 'after.txt');
    expect([res.status, res.body.files[0].uploadedBy]).toEqual([201, 'crash-b']);
  });

  it('never lists the half-uploaded file', async () => {
    const ids = (await request(b.url).get('/api/files?limit=1000')).body.files.map((f: { id: string }) => f.id);
    expect(ids).toContain(survivorUploadId);
    expect(ids).not.toContain(crashedUploadId);
  });

  it('answers 404 FILE_NOT_FOUND for the half-uploaded file, as metadata and as a download', async () => {
    const meta = await request(b.url).get(`/api/files/${crashedUploadId}`);
    const download = await request(b.url).get(`/files/${crashedUploadId}`);
    expect([meta.status, meta.body.error.code, download.status, download.body.error.code]).toEqual([
      404,
      'FILE_NOT_FOUND',
      404,
      'FILE_NOT_FOUND',
    ]);
  });

  it('leaves a PENDING record that a sweep with a small grace removes, keeping every READY file', async () => {
    // GIVEN the crash left its PENDING record behind
    expect((await storedItems(backends)).find((i) => i.id === crashedUploadId)?.state).toBe('PENDING');
    // WHEN a sweep runs once the (1 s) grace period is over
    const report = await sweep({
      catalog: backends.catalog,
      blobs: backends.blobStore,
      graceSeconds: 1,
      now: new Date(Date.now() + 5_000),
    });
    // THEN the leftover is gone and only READY files, each with its object, remain
    expect(report.staleEntries).toEqual([crashedUploadId]);
    const { items, objects } = await storedState(backends);
    expect(items.every((i) => i.state === 'READY')).toBe(true);
    expect(objects.sort()).toEqual(items.map((i) => i.objectKey).sort());
  });
});
