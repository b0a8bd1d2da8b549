import { createHash } from 'node:crypto';
import { pino } from 'pino';
import request from 'supertest';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';

const ADMIN_TOKEN = 'operator-admin-token-with-plenty-of-entropy';
const logs: string[] = [];
const t = createTestApp({
  logger: pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) }),
  auth: {
    mode: 'anonymous',
    deleteRetentionHours: 24,
    adminTokenSha256: createHash('sha256').update(ADMIN_TOKEN).digest('hex'),
  },
});
beforeAll(() => listenLocal(t.server));
afterAll(() => closeServer(t.server));

/** Uploads one file as a new anonymous client; returns its id and the owner token handed out once. */
async function uploadAsNewClient(name = 'a.txt'): Promise<{ id: string; token: string; cookie: string }> {
  const res = await request(t.server).post('/api/files').attach('file', Buffer.from('body'), name);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('owner=')) ?? '';
  return { id: res.body.files[0].id, token: res.body.ownerToken, cookie };
}

describe('anonymous owners', () => {
  it('issues a 256-bit owner secret once, as an HttpOnly SameSite=Lax cookie for 400 days and as ownerToken', async () => {
    const { token, cookie } = await uploadAsNewClient();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie).toContain(`owner=${token}`);
    expect(cookie.toLowerCase()).toEqual(expect.stringContaining('httponly'));
    expect(cookie.toLowerCase()).toEqual(expect.stringContaining('samesite=lax'));
    const expires = Date.parse(/expires=([^;]+)/.exec(cookie)?.[1] ?? '');
    expect(Math.round((expires - Date.now()) / 86_400_000)).toBe(400);
    expect(cookie.toLowerCase()).not.toContain('secure');
  });

  it('sets a Secure __Host- cookie for the whole host when the balancer says the request came over HTTPS', async () => {
    const res = await request(t.server)
      .post('/api/files')
      .set('X-Forwarded-Proto', 'https')
      .attach('file', Buffer.from('x'), 'a.txt');
    const cookie =
      ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-owner=')) ?? '';
    expect(cookie.toLowerCase()).toEqual(expect.stringMatching(/; path=\/;.*; secure; httponly$/));
    expect(cookie.toLowerCase()).not.toContain('domain=');
  });

  it('stores only a digest of the secret on the record', async () => {
    const { id, token } = await uploadAsNewClient();
    const entry = t.catalog.entries.get(id);
    expect(entry?.ownerId).toBe(createHash('sha256').update(token).digest('base64url'));
    expect(JSON.stringify(entry)).not.toContain(token);
  });

  it('reuses the identity it was sent: no new secret for a client that has one', async () => {
    const { token } = await uploadAsNewClient();
    const res = await request(t.server)
      .post('/api/files')
      .auth(token, { type: 'bearer' })
      .attach('file', Buffer.from('x'), 'b.txt');
    expect(res.body.ownerToken).toBeUndefined();
    expect(res.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^owner=/)]));
  });

  it('answers 401 INVALID_TOKEN to a bearer token that is no owner secret', async () => {
    const res = await request(t.server).get('/api/files').auth('nope', { type: 'bearer' });
    expect([res.status, res.body.error.code, res.headers['www-authenticate']]).toEqual([
      401,
      'INVALID_TOKEN',
      'Bearer error="invalid_token"',
    ]);
  });

  it('lists "yours" only for the asker', async () => {
    const { id, token } = await uploadAsNewClient();
    const mine = await request(t.server).get('/api/files').auth(token, { type: 'bearer' });
    const theirs = await request(t.server).get('/api/files');
    const find = (body: { files: { id: string; yours: boolean; canDelete: boolean }[] }) =>
      body.files.find((f) => f.id === id);
    expect([find(mine.body)?.yours, find(mine.body)?.canDelete]).toEqual([true, true]);
    expect([find(theirs.body)?.yours, find(theirs.body)?.canDelete]).toEqual([false, false]);
  });
});

describe.each([
  ['DELETE /api/files/:id', (id: string) => request(t.server).delete(`/api/files/${id}`)],
  ['DELETE /api/trash/:id', (id: string) => request(t.server).delete(`/api/trash/${id}`)],
])('%s by anyone but the owner', (_route, send) => {
  it('answers 403 NOT_OWNER to another owner and to a client with no identity, and the file stays', async () => {
    const { id } = await uploadAsNewClient();
    const other = await uploadAsNewClient('other.txt');
    const byOther = await send(id).auth(other.token, { type: 'bearer' });
    const byNobody = await send(id);
    expect([byOther.status, byOther.body.error.code, byNobody.status, byNobody.body.error.code]).toEqual([
      403,
      'NOT_OWNER',
      403,
      'NOT_OWNER',
    ]);
    expect((await request(t.server).get(`/api/files/${id}`)).status).toBe(200);
    expect((await request(t.server).get(`/files/${id}`)).status).toBe(200);
  });
});

describe('the trash API', () => {
  it("pages an owner's trash newest delete first with nextCursor", async () => {
    // GIVEN two of one owner's files, deleted one after the other
    const first = await uploadAsNewClient('first.txt');
    const second = await request(t.server)
      .post('/api/files')
      .auth(first.token, { type: 'bearer' })
      .attach('file', Buffer.from('b'), 'second.txt');
    for (const id of [first.id, second.body.files[0].id])
      await request(t.server).delete(`/api/files/${id}`).auth(first.token, { type: 'bearer' });
    // WHEN the owner reads the trash one file a page
    const page1 = await request(t.server).get('/api/trash?limit=1').auth(first.token, { type: 'bearer' });
    const page2 = await request(t.server)
      .get('/api/trash?limit=1')
      .query({ cursor: page1.body.nextCursor })
      .auth(first.token, { type: 'bearer' });
    // THEN the newest delete comes first, and the second page ends the trash
    expect([
      page1.body.files.map((f: { name: string }) => f.name),
      page2.body.files.map((f: { name: string }) => f.name),
      page2.body.nextCursor,
    ]).toEqual([['second.txt'], ['first.txt'], null]);
  });

  it('refuses a trash cursor it did not issue with 400 INVALID_CURSOR', async () => {
    const res = await request(t.server).get('/api/trash').query({ cursor: 'eyJ2IjoxLCJiZWZvcmUiOiJ4In0' });
    expect([res.status, res.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
  });

  it('lets the owner delete, see, restore and purge; others see nothing and may not restore', async () => {
    // GIVEN an owner's file, deleted
    const { id, token } = await uploadAsNewClient('undo.txt');
    const other = await uploadAsNewClient('other.txt');
    expect((await request(t.server).delete(`/api/files/${id}`).auth(token, { type: 'bearer' })).status).toBe(204);
    // THEN it is in the owner's trash only, and only the owner may restore it
    const trash = await request(t.server).get('/api/trash').auth(token, { type: 'bearer' });
    expect(trash.body.files).toEqual([
      expect.objectContaining({ id, name: 'undo.txt', yours: true, restorableUntil: expect.any(String) }),
    ]);
    expect((await request(t.server).get('/api/trash').auth(other.token, { type: 'bearer' })).body.files).toEqual([]);
    const refused = await request(t.server).post(`/api/trash/${id}/restore`).auth(other.token, { type: 'bearer' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'NOT_OWNER']);
    // WHEN the owner restores it, it is back with the same id and body; purge then removes it for good
    const restored = await request(t.server).post(`/api/trash/${id}/restore`).auth(token, { type: 'bearer' });
    expect([restored.status, restored.body.id]).toEqual([200, id]);
    expect((await request(t.server).get(`/files/${id}`)).text).toBe('body');
    expect((await request(t.server).delete(`/api/trash/${id}`).auth(token, { type: 'bearer' })).status).toBe(204);
    expect(t.catalog.entries.has(id)).toBe(false);
  });
});

describe('the admin bearer token', () => {
  it("may delete anyone's file, including one stored before files had owners, and each action is audited", async () => {
    // GIVEN a file without an owner
    const { id } = await uploadAsNewClient();
    const entry = t.catalog.entries.get(id);
    if (entry) t.catalog.entries.set(id, { ...entry, ownerId: undefined });
    const owner = await uploadAsNewClient();
    expect((await request(t.server).delete(`/api/files/${id}`).auth(owner.token, { type: 'bearer' })).status).toBe(403);
    // WHEN the operator deletes it with the admin token
    const res = await request(t.server).delete(`/api/files/${id}`).auth(ADMIN_TOKEN, { type: 'bearer' });
    // THEN it is gone from the listing, in the admin's trash, and the log says who did what
    expect(res.status).toBe(204);
    const audit = logs.map((line) => JSON.parse(line)).find((entry) => entry.audit === 'admin' && entry.fileId === id);
    expect(audit).toMatchObject({ action: 'delete', admin: 'admin token', adminSource: 'admin' });
    const trash = await request(t.server).get('/api/trash').auth(ADMIN_TOKEN, { type: 'bearer' });
    expect(trash.body.files.map((f: { id: string }) => f.id)).toContain(id);
  });
});
