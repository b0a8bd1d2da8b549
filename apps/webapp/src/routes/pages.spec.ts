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
