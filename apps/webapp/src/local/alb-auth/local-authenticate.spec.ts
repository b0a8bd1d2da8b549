import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAlbIdentityVerifier } from '../../identity/alb-identity';
import { createLoadBalancer, type LoadBalancer } from '../cluster/load-balancer';
import { startLocalAuthenticator, type LocalAuthenticator } from './local-authenticate';

// A target that echoes the claims header it received.
let target: Server;
let targetUrl: string;
let authenticator: LocalAuthenticator;
let balancer: LoadBalancer;
let url: string;

beforeAll(async () => {
  target = createServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200).end();
    res.writeHead(200, { 'content-type': 'text/plain' }).end(String(req.headers['x-amzn-oidc-data'] ?? ''));
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  authenticator = await startLocalAuthenticator();
  balancer = createLoadBalancer({ targets: [{ id: 'web-1', url: targetUrl }], healthCheck: { intervalMs: 60_000 }, thresholds: { healthyThreshold: 1 }, beforeForward: authenticator.authenticate });
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
    expect([res.status, res.headers.get('location')]).toEqual([302, '/oauth2/sign-in?return=%2Fapi%2Ffiles%3Flimit%3D1']);
  });

  it('forwards a signed-in request with claims the instances verify, replacing any the client sent', async () => {
    // GIVEN an admin session, and a client that also sends its own claims header
    const cookie = await signIn('ops', true);
    const res = await fetch(`${url}/`, { headers: { cookie, 'x-amzn-oidc-data': 'forged' } });
    const forwarded = await res.text();
    // THEN the target got the balancer's token, which the webapp's verifier accepts
    expect(forwarded).not.toBe('forged');
    const verify = createAlbIdentityVerifier({
      mode: 'alb',
      ...{ albArn: authenticator.instanceEnv.AUTH_ALB_ARN, issuer: authenticator.instanceEnv.AUTH_ISSUER, keyEndpoint: authenticator.keyServer.url },
      adminClaim: 'cognito:groups',
      adminGroup: 'admins',
    });
    await expect(verify(forwarded)).resolves.toMatchObject({ userName: 'ops', isAdmin: true, source: 'alb' });
  });

  it('refuses an unusable user name and never redirects off the site', async () => {
    const bad = await fetch(`${url}/oauth2/sign-in`, { method: 'POST', body: new URLSearchParams({ username: '<b>' }), redirect: 'manual' });
    const offsite = await fetch(`${url}/oauth2/sign-in`, { method: 'POST', body: new URLSearchParams({ username: 'eve', return: '//evil.example/' }), redirect: 'manual' });
    expect([bad.status, offsite.headers.get('location')]).toEqual([400, '/']);
  });
});
