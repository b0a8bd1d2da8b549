import request from 'supertest';
import { UploadLimits } from '@ha-uploads/files';
import { InMemoryUsageCounters } from '@ha-uploads/files/testing';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';

const settings = {
  uploadsPerMinutePerClient: 0,
  uploadsPerMinutePerIp: 0,
  uploadBytesPerDayPerClient: 0,
  downloadsPerMinutePerIp: 2,
};
const t = createTestApp({ uploadLimits: new UploadLimits({ counters: new InMemoryUsageCounters(), settings }) });
beforeAll(() => listenLocal(t.server));
afterAll(() => closeServer(t.server));

const download = (id: string) => request(t.server).get(`/files/${id}`).set('X-Forwarded-For', '203.0.113.7');

describe('the download rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After past the per-IP limit', async () => {
    // GIVEN
    const uploaded = await request(t.server).post('/api/files').attach('file', Buffer.from('body'), 'a.txt');
    const id = uploaded.body.files[0].id as string;
    await download(id);
    await download(id);
    // WHEN
    const res = await download(id);
    // THEN
    expect([res.status, res.body.error.code, res.headers['retry-after']]).toEqual([
      429,
      'RATE_LIMITED',
      expect.stringMatching(/^\d+$/),
    ]);
  });
});
