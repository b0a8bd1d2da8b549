import request from 'supertest';
import { encodeCursor } from '@ha-uploads/files';
import { closeServer, createTestApp, listenLocal } from '../testing/test-app';

const t = createTestApp();
beforeAll(() => listenLocal(t.server));
afterAll(() => closeServer(t.server));
beforeEach(() => {
  t.catalog.entries.clear();
  t.blobs.objects.clear();
  t.blobs.down = false;
});

const post = () => request(t.server).post('/api/files');
const stored = () => [t.catalog.entries.size, t.blobs.objects.size];

describe('POST /api/files', () => {
  it('stores several files and answers 201 with their records', async () => {
    const res = await post().attach('file', Buffer.from('one'), 'a.txt').attach('file', Buffer.from('two'), 'b.txt');
    expect(res.status).toBe(201);
    expect(res.body.files.map((f: { name: string }) => f.name)).toEqual(['a.txt', 'b.txt']);
    expect(res.body.files[0]).toEqual({
      id: expect.any(String),
      name: 'a.txt',
      size: 3,
      contentType: 'text/plain',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      uploadedAt: expect.any(String),
      uploadedBy: 'i-test (test-1a)',
      scan: 'clean',
      yours: true,
      canDelete: true,
    });
  });

  it('allows a zero-byte file', async () => {
    const res = await post().attach('file', Buffer.alloc(0), 'empty.txt');
    expect([res.status, res.body.files[0].size]).toEqual([201, 0]);
  });

  it('answers 400 NO_FILE without a file part', async () => {
    const res = await post().field('note', 'x');
    expect([res.status, res.body.error.code]).toEqual([400, 'NO_FILE']);
  });

  it('answers 400 NO_FILE for a part with an empty file name', async () => {
    const body =
      '--b\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n';
    const res = await post().set('Content-Type', 'multipart/form-data; boundary=b').send(body);
    expect([res.status, res.body.error.code]).toEqual([400, 'NO_FILE']);
  });

  it('answers 400 INVALID_FILE_NAME for a name that is empty once cleaned', async () => {
    const res = await post().attach('file', Buffer.from('x'), { filename: '\u202e\u2066', contentType: 'text/plain' });
    expect([res.status, res.body.error.code]).toEqual([400, 'INVALID_FILE_NAME']);
  });

  it('answers 400 MALFORMED_MULTIPART for a truncated body', async () => {
    const body = '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc';
    const res = await post().set('Content-Type', 'multipart/form-data; boundary=b').send(body);
    expect([res.status, res.body.error.code]).toEqual([400, 'MALFORMED_MULTIPART']);
    expect(stored()).toEqual([0, 0]);
  });

  it('answers 400 MALFORMED_MULTIPART without a boundary', async () => {
    const res = await post().set('Content-Type', 'multipart/form-data').send('x');
    expect([res.status, res.body.error.code]).toEqual([400, 'MALFORMED_MULTIPART']);
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for JSON', async () => {
    const res = await post().send({ file: 'x' });
    expect([res.status, res.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('answers 413 FILE_TOO_LARGE and stores nothing', async () => {
    const res = await post()
      .attach('file', Buffer.from('small'), 'ok.txt')
      .attach('file', Buffer.alloc(1025), 'big.bin');
    expect([res.status, res.body.error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(stored()).toEqual([0, 0]);
  });

  it('accepts a file of exactly the limit', async () => {
    const res = await post().attach('file', Buffer.alloc(1024), 'edge.bin');
    expect(res.status).toBe(201);
  });

  it('answers 400 TOO_MANY_FILES and stores nothing', async () => {
    let req = post();
    for (const name of ['1', '2', '3', '4']) req = req.attach('file', Buffer.from(name), `${name}.txt`);
    const res = await req;
    expect([res.status, res.body.error.code]).toEqual([400, 'TOO_MANY_FILES']);
    expect(stored()).toEqual([0, 0]);
  });

  it('answers 400 TOO_MANY_FIELDS', async () => {
    let req = post();
    for (let i = 0; i < 21; i += 1) req = req.field(`f${i}`, 'x');
    const res = await req.attach('file', Buffer.from('x'), 'a.txt');
    expect([res.status, res.body.error.code]).toEqual([400, 'TOO_MANY_FIELDS']);
  });

  it('answers 400 UNEXPECTED_FIELD for a file in another field', async () => {
    const res = await post().attach('other', Buffer.from('x'), 'a.txt');
    expect([res.status, res.body.error.code]).toEqual([400, 'UNEXPECTED_FIELD']);
  });

  it('answers 503 STORAGE_UNAVAILABLE when S3 is down and leaves only a hidden PENDING record for the sweeper', async () => {
    t.blobs.down = true;
    const res = await post().attach('file', Buffer.from('x'), 'a.txt');
    expect([res.status, res.body.error.code, res.headers['retry-after']]).toEqual([503, 'STORAGE_UNAVAILABLE', '5']);
    expect([...t.catalog.entries.values()].map((e) => e.state)).toEqual(['PENDING']);
  });

  it.each([
    ['path traversal (the parser keeps the base name)', '../../etc/passwd', 'passwd'],
    ['Windows path traversal', '..\\..\\boot.ini', 'boot.ini'],
    ['control characters', 'a\tb.txt', 'ab.txt'],
    ['Unicode', 'résumé 文件.txt', 'résumé 文件.txt'],
    ['right-to-left', 'ملف.txt', 'ملف.txt'],
  ])('normalizes a %s name', async (_label, raw, expected) => {
    const res = await post().attach('file', Buffer.from('x'), { filename: raw, contentType: 'text/plain' });
    expect(res.body.files[0].name).toBe(expected);
  });

  it('caps a 10 kB name at 255 characters', async () => {
    const res = await post().attach('file', Buffer.from('x'), {
      filename: `${'n'.repeat(10_240)}.txt`,
      contentType: 'text/plain',
    });
    expect(res.body.files[0].name).toHaveLength(255);
  });
});

describe('GET /api/files', () => {
  async function upload(count: number) {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1)
      ids.push((await post().attach('file', Buffer.from(`${i}`), `${i}.txt`)).body.files[0].id);
    return ids;
  }

  it('lists newest first across pages', async () => {
    const ids = await upload(3);
    const first = await request(t.server).get('/api/files?limit=2');
    const second = await request(t.server).get(`/api/files?limit=2&cursor=${first.body.nextCursor}`);
    expect(first.body.files.map((f: { id: string }) => f.id)).toEqual([ids[2], ids[1]]);
    expect(second.body).toEqual({ files: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
  });

  it('answers 400 INVALID_CURSOR for a tampered cursor', async () => {
    const cursor = encodeCursor('01HZY3QK8X9V5N2M4P6R7S8T9W').slice(0, -2) + 'zz';
    const res = await request(t.server).get(`/api/files?cursor=${cursor}`);
    expect([res.status, res.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
  });

  it.each(['0', '1001', 'ten'])('answers 400 INVALID_LIMIT for limit=%s', async (limit) => {
    const res = await request(t.server).get(`/api/files?limit=${limit}`);
    expect([res.status, res.body.error.code]).toEqual([400, 'INVALID_LIMIT']);
  });

  it('answers 503 CATALOG_UNAVAILABLE when DynamoDB is down', async () => {
    t.catalog.down = true;
    const res = await request(t.server).get('/api/files');
    t.catalog.down = false;
    expect([res.status, res.body.error.code]).toEqual([503, 'CATALOG_UNAVAILABLE']);
  });
});

describe('GET and DELETE /api/files/:id', () => {
  it('returns the record', async () => {
    const { id } = (await post().attach('file', Buffer.from('x'), 'a.txt')).body.files[0];
    const res = await request(t.server).get(`/api/files/${id}`);
    expect([res.status, res.body.id]).toEqual([200, id]);
  });

  it("deletes its owner's file with 204, then answers 404 while the body waits in the trash", async () => {
    const uploaded = (await post().attach('file', Buffer.from('x'), 'a.txt')).body;
    const { id } = uploaded.files[0];
    const deleted = await request(t.server).delete(`/api/files/${id}`).auth(uploaded.ownerToken, { type: 'bearer' });
    const after = await request(t.server).get(`/api/files/${id}`);
    expect([deleted.status, after.status, after.body.error.code]).toEqual([204, 404, 'FILE_NOT_FOUND']);
    // The body, and the marker that remembers the delete in the bucket.
    expect(stored()).toEqual([1, 2]);
  });

  it('answers 404 FILE_NOT_FOUND for an unknown id', async () => {
    const res = await request(t.server).delete('/api/files/01HZY3QK8X9V5N2M4P6R7S8T9W');
    expect([res.status, res.body.error.code]).toEqual([404, 'FILE_NOT_FOUND']);
  });

  it('answers 400 INVALID_FILE_ID for a malformed id', async () => {
    const res = await request(t.server).get('/api/files/not-an-id');
    expect([res.status, res.body.error.code]).toEqual([400, 'INVALID_FILE_ID']);
  });
});
