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

/** The flash cookie a form post left for the next page view. */
function flashOf(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []);
  return cookies
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('flash='))
    ?.slice('flash='.length);
}

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
    await request(t.server)
      .post('/api/files')
      .attach('file', Buffer.from('x'), { filename: '<img src=x onerror=alert(1)>.txt', contentType: 'text/plain' });
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
    for (let i = 0; i < 51; i += 1)
      await request(small.server).post('/api/files').attach('file', Buffer.from('x'), `${i}.txt`);
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
    expect([res.status, res.headers.location, flashOf(res)]).toEqual([303, '/', 'uploaded.1']);
    expect((await request(t.server).get('/')).text).toContain('form.txt');
  });

  it('redirects with the NO_FILE flash when no file was chosen', async () => {
    const res = await formPost('/upload').field('_csrf', session.token).attach('file', Buffer.alloc(0), '');
    expect([res.status, res.headers.location, flashOf(res)]).toEqual([303, '/', 'error.NO_FILE']);
  });

  it('redirects with the FILE_TOO_LARGE flash, naming the file, and stores nothing', async () => {
    const before = t.blobs.objects.size;
    const res = await formPost('/upload').field('_csrf', session.token).attach('file', Buffer.alloc(2048), 'big.bin');
    expect(flashOf(res)).toBe(`error.FILE_TOO_LARGE.${Buffer.from('big.bin').toString('base64url')}`);
    expect(t.blobs.objects.size).toBe(before);
  });

  it('shows the too-large file by name with the limit per file on the page it leads to', async () => {
    const res = await formPost('/upload')
      .field('_csrf', session.token)
      .attach('file', Buffer.alloc(2048), '<i>big.bin');
    const page = await request(t.server)
      .get('/')
      .set('Cookie', `${session.cookie}; flash=${flashOf(res)}`);
    expect(page.text).toContain(
      '&lt;i&gt;big.bin is larger than 1.0 KiB, the limit per file of this form; nothing was stored.',
    );
  });

  it('refuses a form without the token before storing anything', async () => {
    const before = t.blobs.objects.size;
    const res = await formPost('/upload').attach('file', Buffer.from('x'), 'a.txt');
    expect(flashOf(res)).toBe('error.CSRF_TOKEN_INVALID');
    expect(t.blobs.objects.size).toBe(before);
  });
});

describe('POST /files/:id/delete', () => {
  /** Uploads through the page's session, so the browser session owns the file. */
  async function uploadAsSession(name: string): Promise<{ id: string; cookie: string }> {
    const res = await formPost('/upload').field('_csrf', session.token).attach('file', Buffer.from('x'), name);
    const owner = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('owner='));
    const cookie = owner ? `${session.cookie}; ${owner}` : session.cookie;
    const listed = await request(t.server).get('/api/files').set('Cookie', cookie);
    return { id: listed.body.files.find((f: { name: string }) => f.name === name).id, cookie };
  }

  it("moves its owner's file to Recently deleted, with an Undo shown once", async () => {
    // GIVEN a file the session owns
    const { id, cookie } = await uploadAsSession('gone.txt');
    // WHEN the session deletes it through the form
    const res = await formPost(`/files/${id}/delete`).set('Cookie', cookie).type('form').send({ _csrf: session.token });
    // THEN the page shows the undo once, then only the trash entry
    expect([res.status, res.headers.location, flashOf(res)]).toEqual([303, '/', `deleted.${id}`]);
    const page = await request(t.server)
      .get('/')
      .set('Cookie', `${cookie}; flash=${flashOf(res)}`);
    expect(page.text).toContain('data-testid="undo"');
    expect(page.text).toContain('data-testid="trash-item"');
    const reload = await request(t.server).get('/').set('Cookie', cookie);
    expect(reload.text).not.toContain('data-testid="undo"');
    expect(t.catalog.entries.get(id)?.state).toBe('TRASHED');
  });

  it('refuses a delete with a wrong token', async () => {
    const { id, cookie } = await uploadAsSession('kept.txt');
    const res = await formPost(`/files/${id}/delete`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: 'x'.repeat(43) });
    expect(flashOf(res)).toBe('error.CSRF_TOKEN_INVALID');
    expect(t.catalog.entries.get(id)?.state).toBe('READY');
  });

  it('answers 403 NOT_OWNER to a valid form from someone else, and keeps the file', async () => {
    const { id } = await uploadAsSession('not-yours.txt');
    const res = await formPost(`/files/${id}/delete`).type('form').send({ _csrf: session.token });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Only the owner');
    expect(t.catalog.entries.get(id)?.state).toBe('READY');
  });

  it('shows Delete and "yours" only on the session\'s own files', async () => {
    const { cookie } = await uploadAsSession('mine.txt');
    await request(t.server).post('/api/files').attach('file', Buffer.from('x'), 'other.txt');
    const page = await request(t.server).get('/').set('Cookie', cookie);
    const item = (name: string) =>
      page.text.split('data-testid="file-item"').find((chunk) => chunk.includes(`>${name}</a>`)) ?? '';
    expect([item('mine.txt').includes('Delete'), item('mine.txt').includes('yours')]).toEqual([true, true]);
    expect([item('other.txt').includes('Delete'), item('other.txt').includes('yours')]).toEqual([false, false]);
  });
});

describe('POST /files/:id/restore and /purge', () => {
  it('restores a deleted file and deletes one forever', async () => {
    // GIVEN two files the session owns, both deleted
    const res1 = await formPost('/upload')
      .field('_csrf', session.token)
      .attach('file', Buffer.from('a'), 'back.txt')
      .attach('file', Buffer.from('b'), 'never.txt');
    const owner = ([] as string[])
      .concat(res1.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('owner='));
    const cookie = `${session.cookie}; ${owner}`;
    const listed = (await request(t.server).get('/api/files').set('Cookie', cookie)).body.files as {
      id: string;
      name: string;
    }[];
    const idOf = (name: string) => listed.find((f) => f.name === name)?.id ?? '';
    for (const name of ['back.txt', 'never.txt'])
      await formPost(`/files/${idOf(name)}/delete`)
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: session.token });
    // WHEN one is restored and the other deleted forever
    const restored = await formPost(`/files/${idOf('back.txt')}/restore`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: session.token });
    const purged = await formPost(`/files/${idOf('never.txt')}/purge`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: session.token });
    // THEN the first is listed again and the second is gone with its body
    expect([flashOf(restored), flashOf(purged)]).toEqual([`restored.${idOf('back.txt')}`, 'purged']);
    expect(t.catalog.entries.get(idOf('back.txt'))?.state).toBe('READY');
    expect(t.catalog.entries.has(idOf('never.txt'))).toBe(false);
  });
});
