import request from 'supertest';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';

const t = createTestApp();
beforeAll(() => listenLocal(t.server));
afterAll(() => closeServer(t.server));
afterEach(() => {
  t.blobs.down = false;
  t.catalog.down = false;
});

describe('health routes', () => {
  it('answers /healthz with 200', async () => {
    expect((await request(t.server).get('/healthz')).status).toBe(200);
  });

  it('answers /readyz with 200 when both backends answer', async () => {
    const res = await request(t.server).get('/readyz');
    expect([res.status, res.body.checks]).toEqual([200, { s3: 'ok', dynamodb: 'ok' }]);
  });

  it('answers /readyz with 503 NOT_READY when S3 is down', async () => {
    t.blobs.down = true;
    const res = await request(t.server).get('/readyz');
    expect([res.status, res.body.error.code, res.body.checks.s3]).toEqual([503, 'NOT_READY', 'unavailable']);
  });

  it('answers /readyz with 503 when DynamoDB is down', async () => {
    t.catalog.down = true;
    const res = await request(t.server).get('/readyz');
    expect([res.status, res.body.checks.dynamodb]).toEqual([503, 'unavailable']);
  });

  it('keeps /healthz at 200 while a backend is down', async () => {
    t.catalog.down = true;
    expect((await request(t.server).get('/healthz')).status).toBe(200);
  });
});
