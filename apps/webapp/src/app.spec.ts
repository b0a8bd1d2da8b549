import request from 'supertest';
import { closeServer, createTestApp, listenLocal } from './testing/test-app';

const t = createTestApp();
beforeAll(() => listenLocal(t.server));
afterAll(() => closeServer(t.server));

describe('createApp', () => {
  it.each(['/', '/healthz', '/api/files', '/nowhere'])('sets X-Served-By on %s', async (path) => {
    const res = await request(t.server).get(path);
    expect(res.headers['x-served-by']).toBe('i-test (test-1a)');
  });

  it('sets security headers on pages', async () => {
    const res = await request(t.server).get('/');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const res = await request(t.server).put('/api/files');
    expect([res.status, res.body.error.code, res.headers.allow]).toEqual([
      405,
      'METHOD_NOT_ALLOWED',
      'HEAD, GET, POST',
    ]);
  });

  it('answers DELETE on a download with 405 and Allow', async () => {
    const res = await request(t.server).delete('/files/01HZY3QK8X9V5N2M4P6R7S8T9W');
    expect([res.status, res.headers.allow]).toEqual([405, 'HEAD, GET']);
  });

  it('answers an unknown path with 404 NOT_FOUND as JSON', async () => {
    const res = await request(t.server).get('/nowhere');
    expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('marks the CSRF cookie Secure when the load balancer terminated HTTPS', async () => {
    const res = await request(t.server).get('/').set('X-Forwarded-Proto', 'https');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('csrf='));
    expect(cookie).toMatch(/; secure/i);
  });

  it('leaves the CSRF cookie usable over plain HTTP', async () => {
    const res = await request(t.server).get('/');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('csrf='));
    expect(cookie).not.toMatch(/; secure/i);
  });

  it.each(['/healthz', '/api/files'])('issues no CSRF cookie on %s, which renders no form', async (path) => {
    const res = await request(t.server).get(path);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('sends a request id', async () => {
    const res = await request(t.server).get('/healthz');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const res = await request(t.server).get('/api/openapi.json');
    expect([res.status, res.body.openapi]).toEqual([200, '3.1.0']);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/files', '/api/files/{id}', '/files/{id}', '/readyz']),
    );
  });

  it('documents the owner credentials and every route that changes a file', async () => {
    const res = await request(t.server).get('/api/openapi.json');
    expect(Object.keys(res.body.components.securitySchemes)).toEqual([
      'ownerCookie',
      'ownerToken',
      'adminToken',
      'albSignIn',
    ]);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/trash',
        '/api/trash/{id}',
        '/api/trash/{id}/restore',
        '/files/{id}/delete',
        '/files/{id}/restore',
        '/files/{id}/purge',
        '/sign-out',
      ]),
    );
    expect(
      res.body.paths['/api/files'].post.responses['201'].content['application/json'].schema.properties.ownerToken.type,
    ).toBe('string');
  });

  it('never sends a stack trace on a server error', async () => {
    const broken = createTestApp();
    broken.catalog.get = async () => {
      throw new Error('secret internals at line 42');
    };
    await listenLocal(broken.server);
    const res = await request(broken.server).get('/api/files/01HZY3QK8X9V5N2M4P6R7S8T9W');
    await closeServer(broken.server);
    expect([res.status, res.body.error.code]).toEqual([500, 'INTERNAL_ERROR']);
    expect(res.text).not.toContain('secret');
  });
});
