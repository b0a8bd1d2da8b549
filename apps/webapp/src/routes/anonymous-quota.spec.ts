import request from 'supertest';
import { UploadLimits } from '@ha-uploads/files';
import { InMemoryMultipartStore, InMemoryUsageCounters } from '@ha-uploads/files/testing';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';

const settings = { uploadsPerMinutePerClient: 0, uploadsPerMinutePerIp: 0, uploadBytesPerDayPerClient: 1000 };
const base = createTestApp();
const t = createTestApp({
  catalog: base.catalog,
  blobs: base.blobs,
  multipart: new InMemoryMultipartStore(base.blobs),
  uploadLimits: new UploadLimits({ counters: new InMemoryUsageCounters(), settings }),
});
beforeAll(() => listenLocal(t.server));
afterAll(() => closeServer(t.server));

// Each request drops the cookie the one before was given: a client with no identity, every time.
const startSession = (ip: string, size: number) =>
  request(t.server).post('/api/uploads').set('X-Forwarded-For', ip).send({ name: 'a.bin', size });
const formUpload = (ip: string, bytes: number) =>
  request(t.server).post('/api/files').set('X-Forwarded-For', ip).attach('file', Buffer.alloc(bytes), 'a.bin');

describe('the byte quota of clients without an identity', () => {
  it('charges cookie-less upload sessions to the client IP and refuses past the quota with 429 QUOTA_EXCEEDED', async () => {
    // GIVEN
    expect((await startSession('198.51.100.1', 600)).status).toBe(201);
    // WHEN
    const res = await startSession('198.51.100.1', 600);
    // THEN
    expect([res.status, res.body.error.code, res.headers['retry-after']]).toEqual([
      429,
      'QUOTA_EXCEEDED',
      expect.stringMatching(/^\d+$/),
    ]);
  });

  it('charges cookie-less form uploads and sessions from one IP against the same quota', async () => {
    // GIVEN
    expect((await formUpload('198.51.100.2', 500)).status).toBe(201);
    // WHEN
    const res = await startSession('198.51.100.2', 600);
    // THEN
    expect([res.status, res.body.error.code]).toEqual([429, 'QUOTA_EXCEEDED']);
  });
});
