import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadWebappConfig, type AlbSignInConfig } from '@ha-uploads/config';
import { createAlbIdentityVerifier, type AlbHeaders } from './alb-identity';
import {
  createLoadBalancer,
  type LoadBalancer,
  startLocalAuthenticator,
  type LocalAuthenticator,
} from '@ha-uploads/local-cloud';

// A target that echoes the ALB headers it received.
let target: Server;
let targetUrl: string;
let authenticator: LocalAuthenticator;
let balancer: LoadBalancer;
let url: string;

beforeAll(async () => {
  target = createServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200).end();
    const headers: AlbHeaders = {
      data: String(req.headers['x-amzn-oidc-data'] ?? ''),
      accessToken: req.headers['x-amzn-oidc-accesstoken'] as string | undefined,
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(headers));
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  authenticator = await startLocalAuthenticator();
  balancer = createLoadBalancer({
    targets: [{ id: 'web-1', url: targetUrl }],
    healthCheck: { intervalMs: 60_000 },
    thresholds: { healthyThreshold: 1 },
    beforeForward: authenticator.authenticate,
  });
  url = await balancer.listen(0);
  await balancer.checkHealth();
});

afterAll(async () => {
  await balancer.close();
  await authenticator.close();
  await new Promise((resolve) => target.close(resolve));
});

async function signIn(name: string, admin: boolean): Promise<string> {
  const body = new URLSearchParams({ username: name, return: '/x', ...(admin && { admin: '1' }) });
  const res = await fetch(`${url}/oauth2/sign-in`, { method: 'POST', body, redirect: 'manual' });
  expect([res.status, res.headers.get('location')]).toEqual([302, '/x']);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

describe('the local authenticate action', () => {
  it('redirects a request without a session to the sign-in form, keeping where it was going', async () => {
    const res = await fetch(`${url}/api/files?limit=1`, { redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([
      302,
      '/oauth2/sign-in?return=%2Fapi%2Ffiles%3Flimit%3D1',
    ]);
  });

  // The instances' verifier, configured from the very environment the cluster gives them.
  const instanceVerifier = () =>
    createAlbIdentityVerifier(loadWebappConfig(authenticator.instanceEnv).auth as AlbSignInConfig);
  const forwardedFor = async (cookie: string, sent: Record<string, string> = {}) =>
    (await (await fetch(`${url}/`, { headers: { cookie, ...sent } })).json()) as AlbHeaders;

  it('forwards a signed-in request with claims the instances verify, replacing any the client sent', async () => {
    // GIVEN a session, and a client that also sends its own ALB headers
    const cookie = await signIn('alice', false);
    const forwarded = await forwardedFor(cookie, { 'x-amzn-oidc-data': 'forged', 'x-amzn-oidc-accesstoken': 'forged' });
    // THEN the target got the balancer's tokens, which the instances' verifier accepts
    expect([forwarded.data, forwarded.accessToken]).not.toContain('forged');
    await expect(instanceVerifier()(forwarded)).resolves.toMatchObject({
      userName: 'alice',
      isAdmin: false,
      source: 'alb',
    });
  });

  it("keeps the groups out of the claims, like Cognito's user-info answer, and puts them in the access token", async () => {
    // GIVEN an admin session
    const cookie = await signIn('ops', true);
    // WHEN a request is forwarded
    const forwarded = await forwardedFor(cookie);
    // THEN only the access token names the group, and the instances see an admin
    const payloadOf = (token: string | undefined) =>
      JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString('utf8'));
    expect(payloadOf(forwarded.data)['cognito:groups']).toBeUndefined();
    expect(payloadOf(forwarded.accessToken)).toMatchObject({
      'cognito:groups': ['admins'],
      token_use: 'access',
      client_id: 'local-client',
      iss: authenticator.cognito.issuer,
    });
    await expect(instanceVerifier()(forwarded)).resolves.toMatchObject({
      userName: 'ops',
      isAdmin: true,
      source: 'alb',
    });
  });

  it("serves the pool's JWKS on the loopback at Cognito's path, as the instances are told", async () => {
    const res = await fetch(authenticator.instanceEnv.AUTH_JWKS_URI);
    expect(authenticator.instanceEnv.AUTH_JWKS_URI).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/us-east-1_LocalPool\/\.well-known\/jwks\.json$/,
    );
    await expect(res.json()).resolves.toEqual({
      keys: [expect.objectContaining({ kid: authenticator.cognito.kid, kty: 'RSA', alg: 'RS256', use: 'sig' })],
    });
  });

  it('refuses an unusable user name and never redirects off the site', async () => {
    const bad = await fetch(`${url}/oauth2/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ username: '<b>' }),
      redirect: 'manual',
    });
    const offsite = await fetch(`${url}/oauth2/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'eve', return: '//evil.example/' }),
      redirect: 'manual',
    });
    expect([bad.status, offsite.headers.get('location')]).toEqual([400, '/']);
  });
});
