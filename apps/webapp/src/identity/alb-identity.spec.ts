import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { AlbSignInConfig } from '@ha-uploads/config';
import { startAlbKeyServer, type AlbKeyServer, createAlbTokenSigner, paddedBase64Url } from '@ha-uploads/local-cloud';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';

const ISSUER = 'https://idp.test.local';
const signer = createAlbTokenSigner({ issuer: ISSUER });
let keys: AlbKeyServer;
let t: ReturnType<typeof createTestApp>;

function albConfig(keyEndpoint: string): AlbSignInConfig & { deleteRetentionHours: number } {
  return {
    mode: 'alb',
    albArn: signer.albArn,
    issuer: ISSUER,
    keyEndpoint,
    adminClaim: 'cognito:groups',
    adminGroup: 'admins',
    deleteRetentionHours: 24,
  };
}

beforeAll(async () => {
  keys = await startAlbKeyServer(signer);
  t = createTestApp({ auth: albConfig(keys.url) });
  await listenLocal(t.server);
});
afterAll(async () => {
  await closeServer(t.server);
  await keys.close();
});

const whoAmI = (header?: string) => {
  const req = request(t.server).get('/api/trash');
  return header === undefined ? req : req.set('x-amzn-oidc-data', header);
};
const upload = (header: string) =>
  request(t.server).post('/api/files').set('x-amzn-oidc-data', header).attach('file', Buffer.from('x'), 'a.txt');

describe('x-amzn-oidc-data with AUTH_MODE=alb and a generic OIDC issuer', () => {
  it('accepts a valid signed header: the sub owns the upload, and no owner secret is issued', async () => {
    const res = await upload(signer.sign({ sub: 'user-1', username: 'alice' }));
    expect(res.status).toBe(201);
    expect(res.body.ownerToken).toBeUndefined();
    expect(t.catalog.entries.get(res.body.files[0].id)?.ownerId).toBe('user-1');
  });

  it('shows who is signed in, with a sign-out, and marks a member of the admin group (the claim of x-amzn-oidc-data) as admin', async () => {
    const page = await request(t.server)
      .get('/')
      .set('x-amzn-oidc-data', signer.sign({ sub: 'user-2', username: 'bob', 'cognito:groups': ['admins'] }));
    expect(page.text).toContain('data-testid="user-name">bob</strong>');
    expect(page.text).toContain('class="badge admin"');
    expect(page.text).toContain('data-testid="sign-out"');
  });

  it('refuses an upload without a signed-in user with 401 UNAUTHENTICATED', async () => {
    const res = await request(t.server).post('/api/files').attach('file', Buffer.from('x'), 'a.txt');
    expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('ignores an anonymous owner secret: only the ALB speaks for users', async () => {
    const res = await request(t.server)
      .post('/api/files')
      .set('Cookie', `owner=${'a'.repeat(43)}`)
      .attach('file', Buffer.from('x'), 'a.txt');
    expect(res.status).toBe(401);
  });

  const valid = () => signer.sign({ sub: 'user-3' });
  const [h, p, s] = valid().split('.');
  const other = createAlbTokenSigner({ issuer: ISSUER });
  it.each([
    ['a tampered signature', () => `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`, 'IDENTITY_INVALID'],
    [
      'a tampered payload',
      () => `${h}.${paddedBase64Url(JSON.stringify({ sub: 'someone-else', iss: ISSUER, exp: 9e9 }))}.${s}`,
      'IDENTITY_INVALID',
    ],
    [
      'the wrong signer ARN',
      () =>
        signer.sign(
          { sub: 'x' },
          {
            header: {
              signer: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/other/fedcba9876543210',
            },
          },
        ),
      'IDENTITY_INVALID',
    ],
    ['a key we do not serve', () => other.sign({ sub: 'x' }), 'IDENTITY_INVALID'],
    [
      'an expired token',
      () => signer.sign({ sub: 'x' }, { expiresAt: Math.floor(Date.now() / 1000) - 60 }),
      'IDENTITY_EXPIRED',
    ],
    [
      'alg none',
      () => `${paddedBase64Url(JSON.stringify({ alg: 'none', kid: signer.kid, signer: signer.albArn }))}.${p}.`,
      'IDENTITY_INVALID',
    ],
    ['an unpadded token', () => valid().replace(/=/g, ''), 'IDENTITY_INVALID'],
    ['garbage', () => 'not-a-token', 'IDENTITY_INVALID'],
    [
      'a wrong issuer',
      () => createAlbTokenSigner({ issuer: 'https://evil.example' }).sign({ sub: 'x' }),
      'IDENTITY_INVALID',
    ],
  ])('answers 401 with a code for %s', async (_case, token, code) => {
    const res = await whoAmI(token());
    expect([res.status, res.body.error.code]).toEqual([401, code]);
  });

  it('answers 503 IDENTITY_KEYS_UNAVAILABLE when the key endpoint is down', async () => {
    const down = createTestApp({ auth: albConfig('http://127.0.0.1:1') });
    const fresh = createAlbTokenSigner({ issuer: ISSUER, albArn: signer.albArn });
    const res = await request(down.server)
      .get('/api/files')
      .set('x-amzn-oidc-data', fresh.sign({ sub: 'x' }));
    expect([res.status, res.body.error.code, res.headers['retry-after']]).toEqual([
      503,
      'IDENTITY_KEYS_UNAVAILABLE',
      '5',
    ]);
  });
});

describe('x-amzn-oidc-data with a made-up kid', () => {
  // A key endpoint that knows no key and counts what it is asked.
  async function countingKeyEndpoint() {
    const asked: string[] = [];
    const server = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(404).end();
    });
    await listenLocal(server);
    return { asked, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  it.each([
    [
      'another signer',
      { signer: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/evil/0123456789abcdef' },
    ],
    ['another algorithm', { alg: 'RS256' }],
    ['another issuer in the header', { iss: 'https://evil.example' }],
  ])('fetches no key for a token that names %s', async (_what, header) => {
    // GIVEN
    const endpoint = await countingKeyEndpoint();
    const app = createTestApp({ auth: albConfig(endpoint.url) });
    // WHEN
    const res = await request(app.server)
      .get('/api/trash')
      .set('x-amzn-oidc-data', signer.sign({ sub: 'x' }, { header: { kid: randomUUID(), ...header } }));
    // THEN
    expect([res.status, res.body.error.code, endpoint.asked]).toEqual([401, 'IDENTITY_INVALID', []]);
    await closeServer(endpoint.server);
  });

  it('asks the key endpoint once for a kid it does not know, however often the token is replayed', async () => {
    // GIVEN
    const endpoint = await countingKeyEndpoint();
    const app = createTestApp({ auth: albConfig(endpoint.url) });
    const forged = signer.sign({ sub: 'x' }, { header: { kid: randomUUID() } });
    // WHEN
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push((await request(app.server).get('/api/trash').set('x-amzn-oidc-data', forged)).status);
    // THEN
    expect([answers, endpoint.asked.length]).toEqual([[401, 401, 401], 1]);
    await closeServer(endpoint.server);
  });
});

describe('x-amzn-oidc-data with AUTH_MODE=anonymous', () => {
  it('ignores the header, whoever sends it: no identity comes from it', async () => {
    const anonymous = createTestApp();
    const res = await request(anonymous.server)
      .post('/api/files')
      .set('x-amzn-oidc-data', signer.sign({ sub: 'user-1' }))
      .attach('file', Buffer.from('x'), 'a.txt');
    expect(res.status).toBe(201);
    expect(res.body.ownerToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(anonymous.catalog.entries.get(res.body.files[0].id)?.ownerId).not.toBe('user-1');
  });
});
