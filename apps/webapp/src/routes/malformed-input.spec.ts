import request from 'supertest';
import { InMemoryMultipartStore } from '@ha-uploads/files/testing';
import { MalformedJson } from '../testing/malformed-json';
import { seededRandom } from '@ha-uploads/process/testing';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';

const ROUNDS = 60;
const t = createTestApp();
const direct = (() => {
  const app = createTestApp();
  return createTestApp({ catalog: app.catalog, blobs: app.blobs, multipart: new InMemoryMultipartStore(app.blobs) });
})();
let sessionId: string;
let ownerToken: string;

beforeAll(async () => {
  await Promise.all([listenLocal(t.server), listenLocal(direct.server)]);
  const created = await request(direct.server)
    .post('/api/uploads')
    .send({ name: 'a.bin', size: 20 * 1024 * 1024 });
  [sessionId, ownerToken] = [created.body.id, created.body.ownerToken];
});
afterAll(() => Promise.all([closeServer(t.server), closeServer(direct.server)]));

// A client error with a code a client can branch on: never a 5xx, never a bare status.
function expectClientError(res: request.Response, sent: string): void {
  const answer = { status: res.status, code: res.body?.error?.code, sent: sent.slice(0, 120) };
  expect(answer).toEqual({
    status: expect.any(Number),
    code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/),
    sent: answer.sent,
  });
  expect([res.status >= 400 && res.status < 500, answer]).toEqual([true, answer]);
}

describe('malformed input to the upload-session API', () => {
  it.each([
    ['POST /api/uploads', () => '/api/uploads'],
    ['POST /api/uploads/:id/sign', () => `/api/uploads/${sessionId}/sign`],
    ['POST /api/uploads/:id/complete', () => `/api/uploads/${sessionId}/complete`],
  ])('answers every generated body to %s with a 4xx and a stable code', async (_route, path) => {
    const bodies = new MalformedJson(seededRandom(7));
    for (let i = 0; i < ROUNDS; i++) {
      const body = bodies.body();
      const res = await request(direct.server)
        .post(path())
        .set('Authorization', `Bearer ${ownerToken}`)
        .type('json')
        .send(body);
      expectClientError(res, body);
    }
  });

  it('answers a body nested 30,000 levels deep with 400 JSON_TOO_DEEP', async () => {
    const res = await request(direct.server)
      .post('/api/uploads')
      .type('json')
      .send(`{"name":${'['.repeat(30_000)}${']'.repeat(30_000)}}`);
    expect([res.status, res.body.error.code]).toEqual([400, 'JSON_TOO_DEEP']);
  });

  it('answers parts nested past the limit in a sign call with 400 JSON_TOO_DEEP, not a crash building the message', async () => {
    const res = await request(direct.server)
      .post(`/api/uploads/${sessionId}/sign`)
      .set('Authorization', `Bearer ${ownerToken}`)
      .type('json')
      .send(`{"parts":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    expect([res.status, res.body.error.code]).toEqual([400, 'JSON_TOO_DEEP']);
  });
});

describe('malformed input to the files API', () => {
  it('answers every generated query to GET /api/files with a 4xx and a stable code', async () => {
    const queries = new MalformedJson(seededRandom(11));
    for (let i = 0; i < ROUNDS; i++) {
      const query = queries.query();
      expectClientError(await request(t.server).get(`/api/files?${query}`), query);
    }
  });

  it.each([
    ['a repeated cursor', 'INVALID_CURSOR', '/api/files?cursor=a&cursor=b'],
    ['a repeated limit on the trash', 'INVALID_LIMIT', '/api/trash?limit=5&limit=6'],
    ['a repeated cursor on the trash', 'INVALID_CURSOR', '/api/trash?cursor=a&cursor=b'],
  ])('answers %s with 400 %s', async (_what, code, path) => {
    const res = await request(t.server).get(path);
    expect([res.status, res.body.error.code]).toEqual([400, code]);
  });
});
