import request from 'supertest';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';

const t = createTestApp();
let id: string;
let htmlId: string;
beforeAll(async () => {
  await listenLocal(t.server);
  const res = await request(t.server)
    .post('/api/files')
    .attach('file', Buffer.from('0123456789'), { filename: 'résumé "final".txt', contentType: 'text/plain' })
    .attach('file', Buffer.from('<script>alert(1)</script>'), { filename: 'x.html', contentType: 'text/html' });
  [id, htmlId] = res.body.files.map((f: { id: string }) => f.id);
});
afterAll(() => closeServer(t.server));

const get = (path: string) =>
  request(t.server)
    .get(path)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    });

describe('GET /files/:id', () => {
  it('streams the whole body with its headers', async () => {
    const res = await get(`/files/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('0123456789');
    expect(res.headers).toEqual(
      expect.objectContaining({
        'content-type': 'text/plain; charset=utf-8',
        'content-length': '10',
        etag: expect.stringMatching(/^"[0-9a-f]{64}"$/),
        'accept-ranges': 'bytes',
      }),
    );
  });

  it('sends the original name as an RFC 6266 attachment', async () => {
    const res = await get(`/files/${id}`);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="r_sum_ _final_.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.txt`,
    );
  });

  it('sandboxes an uploaded HTML page so it never renders on our origin', async () => {
    const res = await get(`/files/${htmlId}`);
    expect(res.headers['content-security-policy']).toMatch(/^sandbox/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
  });

  // The parts of a ranged answer the range tests look at (a 416 body is the raw JSON error).
  const rangedAnswer = async (range: string) => {
    const res = await get(`/files/${id}`).set('Range', range);
    return {
      status: res.status,
      body: res.body,
      range: res.headers['content-range'],
      length: res.headers['content-length'],
    };
  };

  it.each([
    [
      'a single range with 206 and Content-Range',
      'bytes=2-4',
      { status: 206, body: '234', range: 'bytes 2-4/10', length: '3' },
    ],
    ['a suffix range with the last bytes', 'bytes=-3', { status: 206, body: '789' }],
    [
      'an unsatisfiable range with 416 and the size',
      'bytes=50-60',
      { status: 416, body: expect.stringContaining('"code":"RANGE_NOT_SATISFIABLE"'), range: 'bytes */10' },
    ],
  ])('answers %s', async (_name, range, expected) => {
    expect(await rangedAnswer(range)).toMatchObject(expected);
  });

  it.each([
    ['multiple ranges', 'bytes=0-1,4-5'],
    ['an unsupported range unit', 'items=0-1'],
  ])('ignores %s and sends the whole body', async (_name, range) => {
    expect(await rangedAnswer(range)).toMatchObject({ status: 200, body: '0123456789' });
  });

  it('ignores the range when If-Range names another version', async () => {
    const res = await get(`/files/${id}`).set('Range', 'bytes=0-1').set('If-Range', '"other"');
    expect(res.status).toBe(200);
  });

  it('answers 404 FILE_NOT_FOUND for an unknown id', async () => {
    const res = await request(t.server).get('/files/01HZY3QK8X9V5N2M4P6R7S8T9W');
    expect([res.status, res.body.error.code, res.headers['content-disposition']]).toEqual([
      404,
      'FILE_NOT_FOUND',
      undefined,
    ]);
  });

  it('answers 400 INVALID_FILE_ID for a malformed id', async () => {
    const res = await request(t.server).get('/files/..%2F..%2Fetc');
    expect([res.status, res.body.error.code]).toEqual([400, 'INVALID_FILE_ID']);
  });
});
