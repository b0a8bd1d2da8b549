import request from 'supertest';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';
import { HSTS, PAGE_CSP, pageCsp } from './security-headers';

describe('Strict-Transport-Security', () => {
  const behindBalancer = createTestApp({ trustProxyHops: 1 });
  const exposed = createTestApp({ trustProxyHops: 0 });
  beforeAll(async () => {
    await listenLocal(behindBalancer.server);
    await listenLocal(exposed.server);
  });
  afterAll(async () => {
    await closeServer(behindBalancer.server);
    await closeServer(exposed.server);
  });

  it('is sent when the trusted balancer says the request arrived over HTTPS', async () => {
    // WHEN
    const res = await request(behindBalancer.server).get('/healthz').set('X-Forwarded-Proto', 'https');
    // THEN
    expect(res.headers['strict-transport-security']).toBe(HSTS);
  });

  it('is not sent over plain HTTP', async () => {
    // WHEN
    const res = await request(behindBalancer.server).get('/healthz').set('X-Forwarded-Proto', 'http');
    // THEN
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('is not sent when no balancer is trusted, whatever X-Forwarded-Proto says', async () => {
    // WHEN
    const res = await request(exposed.server).get('/healthz').set('X-Forwarded-Proto', 'https');
    // THEN
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('is sent on error responses too', async () => {
    // WHEN
    const res = await request(behindBalancer.server).get('/nowhere').set('X-Forwarded-Proto', 'https');
    // THEN
    expect([res.status, res.headers['strict-transport-security']]).toEqual([404, HSTS]);
  });
});

describe('pageCsp', () => {
  it('lets the page connect to its own origin only, by default', () => {
    expect(pageCsp()).toBe(PAGE_CSP);
  });

  it('adds the S3 origin of direct transfers to connect-src, and nothing else', () => {
    expect(pageCsp(['https://files.s3.us-east-1.amazonaws.com'])).toBe(
      PAGE_CSP.replace("connect-src 'self'", "connect-src 'self' https://files.s3.us-east-1.amazonaws.com"),
    );
  });
});
