import request from 'supertest';
import { createTestApp } from '../testing/test-app';

const t = createTestApp();
const mint = () => request(t.server).post('/api/owner');
const ownerCookieOf = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('owner='));

describe('POST /api/owner', () => {
  it('gives a caller without identity an owner cookie and its token once', async () => {
    // GIVEN a client with no cookie / WHEN it asks for an identity
    const res = await mint();
    // THEN it gets 201, the token in the body and the same secret in an HttpOnly cookie
    expect(res.status).toBe(201);
    expect(res.body.ownerToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ownerCookieOf(res)).toMatch(new RegExp(`^owner=${res.body.ownerToken};.*httponly`, 'i'));
  });

  it('leaves a caller that has an owner cookie as it is', async () => {
    // GIVEN a client that already owns an identity
    const first = await mint();
    // WHEN it asks again with its cookie
    const again = await mint().set('Cookie', `owner=${first.body.ownerToken}`);
    // THEN nothing is minted
    expect([again.status, ownerCookieOf(again)]).toEqual([204, undefined]);
  });

  it("makes the files uploaded with the cookie the caller's own", async () => {
    // GIVEN an identity obtained before the upload
    const { ownerToken } = (await mint()).body;
    // WHEN a file is uploaded with its cookie
    const upload = await request(t.server)
      .post('/api/files')
      .set('Cookie', `owner=${ownerToken}`)
      .attach('file', Buffer.from('x'), 'a.txt');
    // THEN the upload mints nothing and the file is the caller's
    expect([upload.status, upload.body.ownerToken, upload.body.files[0].yours]).toEqual([201, undefined, true]);
  });

  it('answers 401 UNAUTHENTICATED when sign-in is on and nobody is signed in', async () => {
    const albArn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/y';
    const keys = { issuer: 'https://issuer.example', keyEndpoint: 'https://keys.example' };
    const auth = {
      mode: 'alb',
      albArn,
      ...keys,
      adminClaim: 'cognito:groups',
      adminGroup: 'admins',
      deleteRetentionHours: 24,
    } as const;
    const alb = createTestApp({ auth });
    const res = await request(alb.server).post('/api/owner');
    expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
