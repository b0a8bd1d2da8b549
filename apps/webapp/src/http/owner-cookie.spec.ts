import request from 'supertest';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';

const t = createTestApp();
beforeAll(() => listenLocal(t.server));
afterAll(() => closeServer(t.server));

const VICTIM = 'v'.repeat(43);
const ATTACKER = 'a'.repeat(43);
// A browser sends the cookie with the longer path first: a `path=/upload` shadow tossed by a sibling origin.
const upload = (cookie: string, proto = 'http') =>
  request(t.server)
    .post('/api/files')
    .set('X-Forwarded-Proto', proto)
    .set('Cookie', cookie)
    .attach('file', Buffer.from('x'), 'a.txt');
const ownerOf = (res: request.Response) => t.catalog.entries.get(res.body.files[0].id)?.ownerId;
const digestOf = async (secret: string) => ownerOf(await upload(`owner=${secret}`));

describe('the owner cookie', () => {
  it('refuses an upload that carries two owner cookies with 400 OWNER_COOKIE_CONFLICT and stores nothing', async () => {
    // WHEN
    const before = t.catalog.entries.size;
    const res = await upload(`owner=${ATTACKER}; owner=${VICTIM}`);
    // THEN
    expect([res.status, res.body.error.code, t.catalog.entries.size]).toEqual([400, 'OWNER_COOKIE_CONFLICT', before]);
  });

  it('issues no new identity to a request with two owner cookies', async () => {
    const res = await upload(`owner=${ATTACKER}; owner=${VICTIM}`);
    expect([res.body.ownerToken, res.headers['set-cookie']]).toEqual([undefined, undefined]);
  });

  it("keeps the victim's upload the victim's over HTTPS when a sibling tossed a plain owner cookie", async () => {
    // GIVEN the victim's __Host- cookie and the attacker's shadow
    const res = await upload(`owner=${ATTACKER}; __Host-owner=${VICTIM}`, 'https');
    // THEN
    expect([res.status, ownerOf(res)]).toEqual([201, await digestOf(VICTIM)]);
  });

  it('reads only the __Host- cookie over HTTPS: a tossed plain one gives no identity', async () => {
    const res = await upload(`owner=${ATTACKER}`, 'https');
    expect([res.status, ownerOf(res) === (await digestOf(ATTACKER))]).toEqual([201, false]);
  });
});
