import request from 'supertest';
import { serveWithBrowserSession } from '../testing/test-app';

const t = serveWithBrowserSession();

// A one-file form post to `path` with `headers`, its form fields before the file.
function postFile(path: string, headers: Record<string, string>, fields: Record<string, string> = {}) {
  const req = request(t.server).post(path).set(headers);
  for (const [name, value] of Object.entries(fields)) req.field(name, value);
  return req.attach('file', Buffer.from('x'), 'a.txt');
}

// An API delete of an unknown file with `headers`: 404 once past the CSRF checks.
const deleteFile = (headers: Record<string, string> = {}) =>
  request(t.server).delete('/api/files/01HZY3QK8X9V5N2M4P6R7S8T9W').set(headers);

describe('csrf', () => {
  it('issues an HttpOnly SameSite=Strict token cookie', async () => {
    const res = await request(t.server).get('/');
    expect(res.headers['set-cookie'][0]).toMatch(/^csrf=[A-Za-z0-9_-]{43}; path=\/; samesite=strict; httponly$/);
  });

  it('rejects a cross-site form post with 403 before storing anything', async () => {
    const res = await postFile(
      '/upload',
      { Cookie: t.session.cookie, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      { _csrf: t.session.token },
    );
    expect([res.status, res.body.error.code]).toEqual([403, 'CSRF_CROSS_SITE']);
    expect(t.blobs.objects.size).toBe(0);
  });

  it('rejects a post whose Origin is another host', async () => {
    const res = await deleteFile({ Origin: 'http://evil.example' });
    expect([res.status, res.body.error.code]).toEqual([403, 'CSRF_CROSS_SITE']);
  });

  it('rejects a same-origin browser API call without the token header', async () => {
    const res = await deleteFile({ 'Sec-Fetch-Site': 'same-origin' });
    expect([res.status, res.body.error.code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
  });

  it.each(['/API/files', '/Api/files', '/aPI/files'])(
    'stores nothing from a tokenless same-origin post to %s',
    async (path) => {
      // WHEN a page's script posts to a case variant of the API
      const res = await postFile(path, { 'Sec-Fetch-Site': 'same-origin' });
      // THEN no route takes it
      expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect(t.blobs.objects.size).toBe(0);
    },
  );

  it('accepts a same-origin browser API call with the token header', async () => {
    const res = await deleteFile({
      'Sec-Fetch-Site': 'same-origin',
      Cookie: t.session.cookie,
      'X-CSRF-Token': t.session.token,
    });
    expect(res.status).toBe(404);
  });

  it('answers a 43-character token with non-ASCII characters 403, not 500', async () => {
    const res = await deleteFile({
      'Sec-Fetch-Site': 'same-origin',
      Cookie: t.session.cookie,
      'X-CSRF-Token': 'é'.repeat(43),
    });
    expect([res.status, res.body.error.code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
  });

  it('accepts an API call from a non-browser client', async () => {
    const res = await deleteFile();
    expect(res.status).toBe(404);
  });
});
