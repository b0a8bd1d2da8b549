import request from 'supertest';
import { UploadLimits, type UploadLimitsSettings } from '@ha-uploads/files';
import { InMemoryUsageCounters } from '@ha-uploads/files/testing';
import { browserSession, closeServer, createTestApp, listenLocal } from '../testing/test-app';
import { flashMessage } from '../views/flash';

const AT = Date.parse('2026-12-01T12:00:50Z');
const counters = new InMemoryUsageCounters();
const settings: UploadLimitsSettings = {
  uploadsPerMinutePerClient: 0,
  uploadsPerMinutePerIp: 2,
  uploadBytesPerDayPerClient: 0,
};
const t = createTestApp({ uploadLimits: new UploadLimits({ counters, settings, now: () => AT }) });
beforeAll(() => listenLocal(t.server));
afterAll(() => closeServer(t.server));
beforeEach(() => {
  counters.totals.clear();
  t.catalog.entries.clear();
  t.blobs.objects.clear();
});

const upload = (ip: string) =>
  request(t.server).post('/api/files').set('X-Forwarded-For', ip).attach('file', Buffer.from('bytes'), 'a.txt');
const stored = () => [t.catalog.entries.size, t.blobs.objects.size];

describe('upload limits over HTTP', () => {
  it('answers 429 RATE_LIMITED with Retry-After past the per-IP limit, and stores nothing', async () => {
    // GIVEN
    await upload('203.0.113.7');
    await upload('203.0.113.7');
    // WHEN
    const res = await upload('203.0.113.7');
    // THEN
    expect([res.status, res.body.error.code, res.headers['retry-after']]).toEqual([429, 'RATE_LIMITED', '10']);
    expect(res.body.error.message).toMatch(/Try again in 10 s/);
    expect(stored()).toEqual([2, 2]);
  });

  it('closes the connection after a refusal instead of reading the body', async () => {
    // GIVEN
    await upload('203.0.113.7');
    await upload('203.0.113.7');
    // WHEN
    const res = await upload('203.0.113.7');
    // THEN
    expect(res.headers.connection).toBe('close');
  });

  it('counts the hop the trusted balancer added, not one the client wrote before it', async () => {
    // GIVEN
    await upload('198.51.100.1, 203.0.113.7');
    await upload('198.51.100.2, 203.0.113.7');
    // WHEN
    const res = await upload('198.51.100.3, 203.0.113.7');
    // THEN
    expect(res.status).toBe(429);
  });

  it('shows the refusal on the page after a form post', async () => {
    // GIVEN
    const { cookie, token } = await browserSession(t.server);
    const formPost = () =>
      request(t.server)
        .post('/upload')
        .set('Cookie', cookie)
        .set('X-Forwarded-For', '203.0.113.9')
        .field('_csrf', token)
        .attach('file', Buffer.from('x'), 'a.txt');
    await formPost();
    await formPost();
    // WHEN
    const res = await formPost();
    // THEN
    const flash = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('flash='));
    expect([res.status, res.headers.location, flash]).toEqual([303, '/', 'flash=error.RATE_LIMITED']);
    const page = await request(t.server).get('/').set('Cookie', `${cookie}; ${flash}`);
    expect(page.text).toContain(flashMessage('RATE_LIMITED'));
    expect(stored()).toEqual([2, 2]);
  });

  it('lets another IP upload while one is limited', async () => {
    // GIVEN
    await upload('203.0.113.7');
    await upload('203.0.113.7');
    // WHEN
    const res = await upload('198.51.100.1');
    // THEN
    expect(res.status).toBe(201);
  });
});
