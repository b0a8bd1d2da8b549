import request from 'supertest';
import { PAGE_CSP, pageCsp } from '../http/security-headers';
import { startTestBackends, type TestBackends } from '@ha-uploads/storage/testing';
import { startAppInstance, type AppInstance } from '../testing/reliability/app-instance';
import { postHeadersOnly, MULTIPART_TYPE } from '@ha-uploads/process/testing';
import { clearStoredState, storedState } from '../testing/reliability/stored-state';

let backends: TestBackends;
let app: AppInstance;
let session: { cookie: string; token: string };

beforeAll(async () => {
  backends = await startTestBackends();
  app = await startAppInstance(backends, { instanceId: 'security' });
  const page = await request(app.url).get('/');
  session = {
    cookie: String(page.headers['set-cookie']).split(';')[0],
    token: /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '',
  };
});

afterAll(async () => {
  await app?.close();
  await backends?.stop();
});

beforeEach(() => clearStoredState(backends));

const uploadApi = (name: string, body: string, contentType: string) =>
  request(app.url).post('/api/files').attach('file', Buffer.from(body), { filename: name, contentType });
const errorOf = (res: { status: number; json?: unknown; body?: unknown }) => [
  res.status,
  ((res.json ?? res.body) as { error?: { code?: string } }).error?.code,
];

describe('CSRF: cross-site posts are refused before their body is read', () => {
  it.each([
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'Sec-Fetch-Site': 'same-site' }],
    ['an Origin of another host', { Origin: 'https://evil.example' }],
    ['Origin: null (a sandboxed frame or data: page)', { Origin: 'null' }],
  ])('answers a form upload with %s 403 CSRF_CROSS_SITE without waiting for its body', async (_label, headers) => {
    // The body is announced (10 MiB) but never sent: an answer at all proves it was not read.
    const res = await postHeadersOnly(app.url, '/upload', {
      ...headers,
      Cookie: session.cookie,
      'Content-Type': MULTIPART_TYPE,
    });
    expect(errorOf(res)).toEqual([403, 'CSRF_CROSS_SITE']);
    expect(await storedState(backends)).toEqual({ items: [], objects: [] });
  });

  it('answers a cross-site API upload 403 CSRF_CROSS_SITE without waiting for its body', async () => {
    const res = await postHeadersOnly(app.url, '/api/files', {
      'Sec-Fetch-Site': 'cross-site',
      'Content-Type': MULTIPART_TYPE,
    });
    expect(errorOf(res)).toEqual([403, 'CSRF_CROSS_SITE']);
  });

  it('refuses a cross-site delete form with 403 and keeps the file', async () => {
    const { id } = (await uploadApi('keep.txt', 'keep', 'text/plain')).body.files[0];
    const res = await request(app.url)
      .post(`/files/${id}/delete`)
      .set('Cookie', session.cookie)
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ _csrf: session.token });
    expect(errorOf(res)).toEqual([403, 'CSRF_CROSS_SITE']);
    expect((await request(app.url).get(`/api/files/${id}`)).status).toBe(200);
  });

  it("refuses a same-origin form upload carrying another session's token, storing nothing", async () => {
    const res = await request(app.url)
      .post('/upload')
      .set('Cookie', session.cookie)
      .set('Sec-Fetch-Site', 'same-origin')
      .field('_csrf', 'A'.repeat(43))
      .attach('file', Buffer.from('x'), 'a.txt');
    expect([res.status, res.headers.location, flashCookie(res)]).toEqual([303, '/', 'flash=error.CSRF_TOKEN_INVALID']);
    expect(await storedState(backends)).toEqual({ items: [], objects: [] });
  });

  it('accepts a same-origin form upload with the session token', async () => {
    const res = await request(app.url)
      .post('/upload')
      .set('Cookie', session.cookie)
      .set('Sec-Fetch-Site', 'same-origin')
      .set('Origin', app.url)
      .field('_csrf', session.token)
      .attach('file', Buffer.from('x'), 'a.txt');
    expect([res.status, res.headers.location, flashCookie(res)]).toEqual([303, '/', 'flash=uploaded.1']);
  });
});

function flashCookie(res: request.Response): string | undefined {
  return ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('flash='));
}

describe('security headers', () => {
  it.each(['/', '/api/files', '/healthz', '/nowhere', '/api/files/not-an-id'])(
    'sends the page CSP, nosniff, DENY framing and a same-origin Referrer-Policy on %s',
    async (path) => {
      const res = await request(app.url).get(path);
      expect([
        res.headers['content-security-policy'],
        res.headers['x-content-type-options'],
        res.headers['x-frame-options'],
        res.headers['referrer-policy'],
      ]).toEqual([
        // The page may also connect to the S3 origin of direct transfers, and nowhere else.
        pageCsp([app.storage.multipartOrigin]),
        'nosniff',
        'DENY',
        'same-origin',
      ]);
    },
  );

  it('allows no inline or eval script and no framing in the page CSP', () => {
    expect(PAGE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(PAGE_CSP).toContain("default-src 'none'");
    expect(PAGE_CSP).toContain("frame-ancestors 'none'");
  });

  it('sends the security headers on a CSRF rejection too', async () => {
    const res = await request(app.url)
      .delete('/api/files/01HZY3QK8X9V5N2M4P6R7S8T9W')
      .set('Sec-Fetch-Site', 'cross-site');
    expect([res.status, res.headers['content-security-policy'], res.headers['x-content-type-options']]).toEqual([
      403,
      pageCsp([app.storage.multipartOrigin]),
      'nosniff',
    ]);
  });
});

describe('downloads never render on our origin', () => {
  const SANDBOX = /^sandbox(;|$)/;

  it.each([
    ['page.html', '<script>alert(document.cookie)</script>', 'text/html'],
    ['image.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml'],
    [
      'page.xhtml',
      '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
      'application/xhtml+xml',
    ],
  ])('serves an uploaded %s as a sandboxed, unsniffed attachment', async (name, body, contentType) => {
    const { id } = (await uploadApi(name, body, contentType)).body.files[0];
    const res = await request(app.url).get(`/files/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="${name.replace('.', '\\.')}"`),
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(SANDBOX);
  });

  it('keeps a ranged (206) download an attachment with the sandbox CSP', async () => {
    const { id } = (await uploadApi('range.html', '<b>0123456789</b>', 'text/html')).body.files[0];
    const res = await request(app.url).get(`/files/${id}`).set('Range', 'bytes=0-3');
    expect([
      res.status,
      res.headers['content-disposition'].startsWith('attachment;'),
      res.headers['x-content-type-options'],
    ]).toEqual([206, true, 'nosniff']);
    expect(res.headers['content-security-policy']).toMatch(SANDBOX);
  });

  it('drops the attachment headers from a failed download', async () => {
    const res = await request(app.url).get('/files/01HZY3QK8X9V5N2M4P6R7S8T9W');
    expect([res.status, res.body.error.code, res.headers['content-disposition']]).toEqual([
      404,
      'FILE_NOT_FOUND',
      undefined,
    ]);
  });
});
