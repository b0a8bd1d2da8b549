import request from 'supertest';
import { serveWithBrowserSession } from '../testing/test-app';

const t = serveWithBrowserSession();

describe('csrf', () => {
  it('issues an HttpOnly SameSite=Strict token cookie', async () => {
    const res = await request(t.server).get('/');
    expect(res.headers['set-cookie'][0]).toMatch(/^csrf=[A-Za-z0-9_-]{43}; path=\/; samesite=strict; httponly$/);
  });

  it('rejects a cross-site form post with 403 before storing anything', async () => {
    const res = await request(t.server)
      .post('/upload')
      .set('Cookie', t.session.cookie)
      .set('Origin', 'https://evil.example')
      .set('Sec-Fetch-Site', 'cross-site')
      .field('_csrf', t.session.token)
      .attach('file', Buffer.from('x'), 'a.txt');
    expect([res.status, res.body.error.code]).toEqual([403, 'CSRF_CROSS_SITE']);
    expect(t.blobs.objects.size).toBe(0);
  });

  it('rejects a post whose Origin is another host', async () => {
    const res = await request(t.server)
      .delete('/api/files/01HZY3QK8X9V5N2M4P6R7S8T9W')
      .set('Origin', 'http://evil.example');
    expect([res.status, res.body.error.code]).toEqual([403, 'CSRF_CROSS_SITE']);
  });

  it('rejects a same-origin browser API call without the token header', async () => {
    const res = await request(t.server)
      .delete('/api/files/01HZY3QK8X9V5N2M4P6R7S8T9W')
      .set('Sec-Fetch-Site', 'same-origin');
    expect([res.status, res.body.error.code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
  });

  it.each(['/API/files', '/Api/files', '/aPI/files'])(
    'stores nothing from a tokenless same-origin post to %s',
    async (path) => {
      // WHEN a page's script posts to a case variant of the API
      const res = await request(t.server)
        .post(path)
        .set('Sec-Fetch-Site', 'same-origin')
        .attach('file', Buffer.from('x'), 'a.txt');
      // THEN no route takes it
      expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect(t.blobs.objects.size).toBe(0);
    },
  );

  it('accepts a same-origin browser API call with the token header', async () => {
    const res = await request(t.server)
      .delete('/api/files/01HZY3QK8X9V5N2M4P6R7S8T9W')
      .set('Sec-Fetch-Site', 'same-origin')
      .set('Cookie', t.session.cookie)
      .set('X-CSRF-Token', t.session.token);
    expect(res.status).toBe(404);
  });

  it('answers a 43-character token with non-ASCII characters 403, not 500', async () => {
    const res = await request(t.server)
      .delete('/api/files/01HZY3QK8X9V5N2M4P6R7S8T9W')
      .set('Sec-Fetch-Site', 'same-origin')
      .set('Cookie', t.session.cookie)
      .set('X-CSRF-Token', 'é'.repeat(43));
    expect([res.status, res.body.error.code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
  });

  it('accepts an API call from a non-browser client', async () => {
    const res = await request(t.server).delete('/api/files/01HZY3QK8X9V5N2M4P6R7S8T9W');
    expect(res.status).toBe(404);
  });
});
