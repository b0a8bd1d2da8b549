import request from 'supertest';
import { browserSession, closeServer, createTestApp, listenLocal } from '../testing/test-app';

const t = createTestApp();
let session: { cookie: string; token: string };
let origin: string;
beforeAll(async () => {
  origin = await listenLocal(t.server);
  session = await browserSession(t.server);
});
afterAll(() => closeServer(t.server));

const formPost = (path: string) =>
  request(t.server).post(path).set('Cookie', session.cookie).set('Origin', origin).set('Sec-Fetch-Site', 'same-origin');

describe('GET /', () => {
  it('shows the serving instance in the heading', async () => {
    const res = await request(t.server).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<h1>.*i-test \(test-1a\).*<\/h1>/s);
  });

  it('marks the instance in the heading for the browser tests', async () => {
    const res = await request(t.server).get('/');
    expect(res.text).toContain('data-testid="instance-id">i-test (test-1a)</span>');
  });

  it('shows an empty state when no file is stored', async () => {
    const empty = createTestApp();
    await listenLocal(empty.server);
    const res = await request(empty.server).get('/');
    await closeServer(empty.server);
    expect(res.text).toContain('data-testid="empty-state"');
  });

  it('escapes HTML in file names', async () => {
    await request(t.server).post('/api/files').attach('file', Buffer.from('x'), { filename: '<img src=x onerror=alert(1)>.txt', contentType: 'text/plain' });
    const res = await request(t.server).get('/');
    expect(res.text).toContain('&lt;img src=x onerror=alert(1)&gt;.txt');
    expect(res.text).not.toContain('<img src=x');
  });

  it('shows a flash for a known error code', async () => {
    const res = await request(t.server).get('/?error=FILE_TOO_LARGE');
    expect(res.text).toContain('larger than the upload limit');
  });

  it('does not echo free text from the error parameter', async () => {
    const res = await request(t.server).get('/?error=%3Cb%3Ehi');
    expect(res.text).not.toContain('hi</b>');
    expect(res.text).not.toContain('role="alert"');
  });

  it('links to the next page when there are more files', async () => {
    const small = createTestApp();
    await listenLocal(small.server);
    for (let i = 0; i < 51; i += 1) await request(small.server).post('/api/files').attach('file', Buffer.from('x'), `${i}.txt`);
    const res = await request(small.server).get('/');
    await closeServer(small.server);
    expect(res.text).toMatch(/<a rel="next" href="\/\?cursor=[A-Za-z0-9_-]+">/);
  });
});

describe('static assets', () => {
  const scripted = createTestApp({ clientScript: 'console.log(1);' });
  beforeAll(() => listenLocal(scripted.server));
  afterAll(() => closeServer(scripted.server));
  const linked = async (pattern: RegExp) => pattern.exec((await request(scripted.server).get('/')).text)?.[1] ?? '';

  it('links the stylesheet and the script with a content version', async () => {
    const page = (await request(scripted.server).get('/')).text;
    expect(page).toMatch(/<link rel="stylesheet" href="\/assets\/app\.css\?v=[\w-]{12}">/);
    expect(page).toMatch(/<script src="\/assets\/app\.js\?v=[\w-]{12}" defer><\/script>/);
  });

  it('serves the versioned stylesheet as immutable', async () => {
    const res = await request(scripted.server).get(await linked(/href="(\/assets\/app\.css\?v=[^"]+)"/));
    expect([res.status, res.headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
  });

  it('serves the versioned script as immutable JavaScript', async () => {
    const res = await request(scripted.server).get(await linked(/src="(\/assets\/app\.js\?v=[^"]+)"/));
    expect([res.headers['content-type'], res.headers['cache-control'], res.text]).toEqual([
      'application/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
      'console.log(1);',
    ]);
  });

  it('caches an unversioned asset URL only briefly', async () => {
    const res = await request(scripted.server).get('/assets/app.css');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });

  it('gives the page no script tag when no client bundle was built', async () => {
    expect((await request(t.server).get('/')).text).not.toContain('<script');
  });
});

describe('POST /upload', () => {
  it('stores the files and redirects 303 to the page', async () => {
    const res = await formPost('/upload').field('_csrf', session.token).attach('file', Buffer.from('x'), 'form.txt');
    expect([res.status, res.headers.location]).toEqual([303, '/?uploaded=1']);
    expect((await request(t.server).get('/')).text).toContain('form.txt');
  });

  it('redirects with ?error=NO_FILE when no file was chosen', async () => {
    const res = await formPost('/upload').field('_csrf', session.token).attach('file', Buffer.alloc(0), '');
    expect([res.status, res.headers.location]).toEqual([303, '/?error=NO_FILE']);
  });

  it('redirects with ?error=FILE_TOO_LARGE and stores nothing', async () => {
    const before = t.blobs.objects.size;
    const res = await formPost('/upload').field('_csrf', session.token).attach('file', Buffer.alloc(2048), 'big.bin');
    expect(res.headers.location).toBe('/?error=FILE_TOO_LARGE');
    expect(t.blobs.objects.size).toBe(before);
  });

  it('refuses a form without the token before storing anything', async () => {
    const before = t.blobs.objects.size;
    const res = await formPost('/upload').attach('file', Buffer.from('x'), 'a.txt');
    expect(res.headers.location).toBe('/?error=CSRF_TOKEN_INVALID');
    expect(t.blobs.objects.size).toBe(before);
  });
});

describe('POST /files/:id/delete', () => {
  it('deletes the file and redirects to the page', async () => {
    const { id } = (await request(t.server).post('/api/files').attach('file', Buffer.from('x'), 'gone.txt')).body.files[0];
    const res = await formPost(`/files/${id}/delete`).type('form').send({ _csrf: session.token });
    expect([res.status, res.headers.location]).toEqual([303, '/']);
    expect(t.catalog.entries.has(id)).toBe(false);
  });

  it('refuses a delete with a wrong token', async () => {
    const { id } = (await request(t.server).post('/api/files').attach('file', Buffer.from('x'), 'kept.txt')).body.files[0];
    const res = await formPost(`/files/${id}/delete`).type('form').send({ _csrf: 'x'.repeat(43) });
    expect(res.headers.location).toBe('/?error=CSRF_TOKEN_INVALID');
    expect(t.catalog.entries.has(id)).toBe(true);
  });
});
