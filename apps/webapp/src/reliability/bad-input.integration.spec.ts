import request from 'supertest';
import { useAppFleet } from '../testing/reliability/app-fleet';
import { eventually, MULTIPART_TYPE, filePartHead } from '@ha-uploads/process/testing';
import { clearStoredState, storedState } from '../testing/reliability/stored-state';

// The cases issue 5 lists that routes/*.spec.ts (over in-memory fakes) does not already cover, here against
// real S3 and DynamoDB, where "nothing stored" is checked in the stores themselves.
const MiB = 1024 * 1024;
const MAX_UPLOAD_BYTES = 6 * MiB;
const MAX_FILES = 3;
const NOTHING = { items: [], objects: [] };

const { backends, app } = useAppFleet({
  backends: {
    env: {
      MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
      MAX_FILES_PER_REQUEST: String(MAX_FILES),
      UPLOAD_PART_SIZE_BYTES: String(5 * MiB),
    },
  },
  instances: { app: { instanceId: 'bad-input' } },
});

beforeEach(() => clearStoredState(backends));

const post = () => request(app.url).post('/api/files');
const codeOf = (res: request.Response) => [res.status, res.body.error?.code];
const nothingStoredEventually = () => eventually(async () => expect(await storedState(backends)).toEqual(NOTHING));

describe('requests', () => {
  it('stores a zero-byte file in S3 with the empty sha256', async () => {
    const res = await post().attach('file', Buffer.alloc(0), 'empty.txt');
    expect([res.status, res.body.files[0].size, res.body.files[0].sha256]).toEqual([
      201,
      0,
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ]);
    expect((await request(app.url).get(`/files/${res.body.files[0].id}`)).headers['content-length']).toBe('0');
  });

  it('answers a body cut off inside a file part 400 MALFORMED_MULTIPART and leaves nothing in S3 or DynamoDB', async () => {
    const body = Buffer.concat([filePartHead('cut.bin'), Buffer.alloc(MiB, 7)]);
    const res = await post().set('Content-Type', MULTIPART_TYPE).send(body);
    expect(codeOf(res)).toEqual([400, 'MALFORMED_MULTIPART']);
    await nothingStoredEventually();
  });

  it('answers a POST with no body at all 400 MALFORMED_MULTIPART', async () => {
    const res = await post().set('Content-Type', MULTIPART_TYPE);
    expect(codeOf(res)).toEqual([400, 'MALFORMED_MULTIPART']);
  });

  it('answers a urlencoded form 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await post().type('form').send({ file: 'x' });
    expect(codeOf(res)).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });
});

describe('limits', () => {
  it('answers a file over MAX_UPLOAD_BYTES that already spans S3 parts 413 FILE_TOO_LARGE, leaving nothing in S3 or DynamoDB', async () => {
    const res = await post().attach('file', Buffer.alloc(MAX_UPLOAD_BYTES + 1, 1), 'too-big.bin');
    expect(codeOf(res)).toEqual([413, 'FILE_TOO_LARGE']);
    await nothingStoredEventually();
  });

  it('answers too many files 400 TOO_MANY_FILES, removing the ones already stored', async () => {
    let req = post();
    for (let i = 0; i <= MAX_FILES; i += 1) req = req.attach('file', Buffer.from(`file ${i}`), `${i}.txt`);
    expect(codeOf(await req)).toEqual([400, 'TOO_MANY_FILES']);
    await nothingStoredEventually();
  });

  it('answers an over-long field name 400 FIELD_NAME_TOO_LONG', async () => {
    const res = await post().field('n'.repeat(101), 'x').attach('file', Buffer.from('x'), 'a.txt');
    expect(codeOf(res)).toEqual([400, 'FIELD_NAME_TOO_LONG']);
  });

  it('answers an over-long field value 400 FIELD_VALUE_TOO_LONG', async () => {
    const res = await post()
      .field('note', 'v'.repeat(64 * 1024 + 1))
      .attach('file', Buffer.from('x'), 'a.txt');
    expect(codeOf(res)).toEqual([400, 'FIELD_VALUE_TOO_LONG']);
  });
});

describe('file names', () => {
  it('escapes a script tag in a name on the page', async () => {
    // No "/" in the name: the parser would keep only what follows it.
    await post().attach('file', Buffer.from('x'), {
      filename: '<script>alert(1)<script>.txt',
      contentType: 'text/plain',
    });
    const page = await request(app.url).get('/');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;script&gt;.txt');
    expect(page.text).not.toContain('<script>alert(1)');
  });

  it('keeps quotes and non-ASCII out of the plain Content-Disposition filename and exact in filename*', async () => {
    const name = 'say "hi" — 你好.txt';
    const { id } = (await post().attach('file', Buffer.from('x'), { filename: name, contentType: 'text/plain' })).body
      .files[0];
    const res = await request(app.url).get(`/files/${id}`);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="say _hi_ _ __.txt"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
  });

  it('stores a name made of a traversal as a plain name, never as the S3 key', async () => {
    const { id, name } = (
      await post().attach('file', Buffer.from('x'), { filename: '../../../etc/passwd', contentType: 'text/plain' })
    ).body.files[0];
    expect(name).toBe('passwd');
    expect((await storedState(backends)).objects).toEqual([`files/${id}`]);
  });
});

describe('ids and protocol', () => {
  it('answers PATCH on a file 405 METHOD_NOT_ALLOWED with an Allow header', async () => {
    const res = await request(app.url).patch('/api/files/01HZY3QK8X9V5N2M4P6R7S8T9W');
    expect([...codeOf(res), res.headers.allow]).toEqual([405, 'METHOD_NOT_ALLOWED', 'HEAD, GET, DELETE']);
  });

  it('answers a lowercase ULID 400 INVALID_FILE_ID without a backend call', async () => {
    const res = await request(app.url).get('/api/files/01hzy3qk8x9v5n2m4p6r7s8t9w');
    expect(codeOf(res)).toEqual([400, 'INVALID_FILE_ID']);
  });

  it('answers a repeated limit parameter 400 INVALID_LIMIT', async () => {
    const res = await request(app.url).get('/api/files?limit=5&limit=6');
    expect(codeOf(res)).toEqual([400, 'INVALID_LIMIT']);
  });
});
