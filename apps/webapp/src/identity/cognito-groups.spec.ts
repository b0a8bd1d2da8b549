import request from 'supertest';
import type { AlbSignInConfig } from '@ha-uploads/config';
import {
  startAlbKeyServer,
  type AlbKeyServer,
  createAlbTokenSigner,
  startCognitoJwksServer,
  type CognitoJwksServer,
  createCognitoTokenSigner,
} from '@ha-uploads/local-cloud';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';
import { createAlbIdentityVerifier, type AlbIdentityVerifier } from './alb-identity';

const CLIENT_ID = 'alb-client';
const pool = createCognitoTokenSigner({ userPoolId: 'eu-west-1_TestPool1', clientId: CLIENT_ID });
const alb = createAlbTokenSigner({ issuer: pool.issuer, clientId: CLIENT_ID });
let albKeys: AlbKeyServer;
let poolKeys: CognitoJwksServer;
let verify: AlbIdentityVerifier;

function cognitoConfig(jwksUri: string): AlbSignInConfig {
  return {
    mode: 'alb',
    albArn: alb.albArn,
    issuer: pool.issuer,
    keyEndpoint: albKeys.url,
    clientId: CLIENT_ID,
    adminClaim: 'cognito:groups',
    adminGroup: 'admins',
    cognitoAccessToken: { userPoolId: pool.userPoolId, clientId: CLIENT_ID, jwksUri },
  };
}

beforeAll(async () => {
  albKeys = await startAlbKeyServer(alb);
  poolKeys = await startCognitoJwksServer(pool);
  verify = createAlbIdentityVerifier(cognitoConfig(poolKeys.jwksUri));
});
afterAll(async () => {
  await albKeys.close();
  await poolKeys.close();
});

// What the ALB forwards for a Cognito user: user-info claims without groups, and the pool's access token.
const data = (sub = 'user-1') => alb.sign({ sub, username: 'alice', email: 'alice@example.com' });
const adminToken = (sub = 'user-1') => pool.accessToken({ sub, username: 'alice', groups: ['admins'] });

describe('admins with a Cognito user pool', () => {
  it('makes an admin of a user whose verified access token lists the admin group', async () => {
    await expect(verify({ data: data(), accessToken: adminToken() })).resolves.toMatchObject({
      ownerId: 'user-1',
      isAdmin: true,
      source: 'alb',
    });
  });

  it('signs in a user in no group, but not as an admin', async () => {
    const accessToken = pool.accessToken({ sub: 'user-1', username: 'alice' });
    await expect(verify({ data: data(), accessToken })).resolves.toMatchObject({ ownerId: 'user-1', isAdmin: false });
  });

  it('signs in a user without an access token, but not as an admin', async () => {
    await expect(verify({ data: data() })).resolves.toMatchObject({ ownerId: 'user-1', isAdmin: false });
  });

  it('ignores a group claim in x-amzn-oidc-data: with Cognito only the access token names groups', async () => {
    const claimsWithGroups = alb.sign({ sub: 'user-1', 'cognito:groups': ['admins'] });
    await expect(verify({ data: claimsWithGroups })).resolves.toMatchObject({ isAdmin: false });
  });

  const [h, p, s] = adminToken().split('.');
  const otherKey = createCognitoTokenSigner({ userPoolId: pool.userPoolId, clientId: CLIENT_ID });
  const otherPool = createCognitoTokenSigner({ userPoolId: 'eu-west-1_OtherPool', clientId: CLIENT_ID });
  it.each([
    ['the access token of another user', 'IDENTITY_MISMATCH', () => adminToken('user-2')],
    [
      'an expired access token',
      'IDENTITY_EXPIRED',
      () =>
        pool.accessToken(
          { sub: 'user-1', username: 'alice', groups: ['admins'] },
          { expiresAt: Math.floor(Date.now() / 1000) - 60 },
        ),
    ],
    [
      'a tampered access token',
      'IDENTITY_INVALID',
      () =>
        `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'user-1', 'cognito:groups': ['admins', 'x'] })).toString('base64url')}.${s}`,
    ],
    [
      'an access token for another app client',
      'IDENTITY_INVALID',
      () =>
        pool.accessToken(
          { sub: 'user-1', username: 'alice', groups: ['admins'] },
          { claims: { client_id: 'other-client' } },
        ),
    ],
    [
      'an id token instead of an access token',
      'IDENTITY_INVALID',
      () =>
        pool.accessToken(
          { sub: 'user-1', username: 'alice', groups: ['admins'] },
          { claims: { token_use: 'id', client_id: undefined, aud: CLIENT_ID } },
        ),
    ],
    [
      'a token signed with a key the pool does not serve',
      'IDENTITY_INVALID',
      () => otherKey.accessToken({ sub: 'user-1', username: 'alice', groups: ['admins'] }),
    ],
    [
      'a token of another user pool',
      'IDENTITY_INVALID',
      () => otherPool.accessToken({ sub: 'user-1', username: 'alice', groups: ['admins'] }),
    ],
    [
      'an unsigned token',
      'IDENTITY_INVALID',
      () => `${Buffer.from(JSON.stringify({ alg: 'none', kid: pool.kid })).toString('base64url')}.${p}.`,
    ],
    ['garbage', 'IDENTITY_INVALID', () => 'not-a-token'],
  ])('refuses %s with 401 %s, making no admin', async (_case, code, accessToken) => {
    await expect(verify({ data: data(), accessToken: accessToken() })).rejects.toMatchObject({ status: 401, code });
  });

  it("answers 503 IDENTITY_KEYS_UNAVAILABLE when the pool's JWKS cannot be fetched", async () => {
    const down = createAlbIdentityVerifier(cognitoConfig('http://127.0.0.1:1/jwks.json'));
    await expect(down({ data: data(), accessToken: adminToken() })).rejects.toMatchObject({
      status: 503,
      code: 'IDENTITY_KEYS_UNAVAILABLE',
    });
  });
});

describe('x-amzn-oidc-accesstoken through the app', () => {
  let t: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    t = createTestApp({ auth: { ...cognitoConfig(poolKeys.jwksUri), deleteRetentionHours: 24 } });
    await listenLocal(t.server);
  });
  afterAll(() => closeServer(t.server));

  it('shows the admin badge to a user whose access token lists the admin group', async () => {
    const page = await request(t.server)
      .get('/')
      .set('x-amzn-oidc-data', data())
      .set('x-amzn-oidc-accesstoken', adminToken());
    expect(page.text).toContain('class="badge admin"');
  });

  it('answers 401 IDENTITY_MISMATCH when the access token is of another user than the claims', async () => {
    const res = await request(t.server)
      .get('/api/trash')
      .set('x-amzn-oidc-data', data())
      .set('x-amzn-oidc-accesstoken', adminToken('user-2'));
    expect([res.status, res.body.error.code]).toEqual([401, 'IDENTITY_MISMATCH']);
  });
});
