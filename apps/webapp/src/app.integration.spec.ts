import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from './app';
import { openStorage, type OpenStorage } from './startup/open-storage';
import { startTestBackends, type TestBackends } from '@ha-uploads/storage/testing';
import { closeServer, listenLocal } from './testing/test-app';

const MiB = 1024 * 1024;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

let backends: TestBackends;
const instances: { server: Server; storage: OpenStorage }[] = [];
let a: Server;
let b: Server;

// Two instances, each with its own SDK clients, sharing one dynalite + local S3: the article's setup.
async function startInstance(instanceId: string): Promise<Server> {
  const logger = pino({ level: 'silent' });
  const storage = await openStorage(backends.config);
  const server = createServer(
    createApp({
      ...storage,
      instanceId,
      logger,
      maxUploadBytes: backends.config.maxUploadBytes,
      maxFilesPerRequest: 10,
    }).callback(),
  );
  await listenLocal(server);
  instances.push({ server, storage });
  return server;
}

beforeAll(async () => {
  backends = await startTestBackends({ env: { MAX_UPLOAD_BYTES: String(64 * MiB) } });
  a = await startInstance('instance-a');
  b = await startInstance('instance-b');
});

afterAll(async () => {
  for (const { server, storage } of instances) {
    await closeServer(server);
    await storage.close();
  }
  await backends?.stop();
});

const upload = async (server: Server, body: Buffer | string, name: string) => {
  const res = await request(server).post('/api/files').attach('file', Buffer.from(body), name);
  expect(res.status).toBe(201);
  return {
    ...(res.body.files[0] as { id: string; sha256: string; uploadedBy: string }),
    ownerToken: res.body.ownerToken as string,
  };
};
const listedIds = async (server: Server) =>
  (await request(server).get('/api/files?limit=1000')).body.files.map((f: { id: string }) => f.id);

describe('two instances sharing one backend', () => {
  it('lists a file uploaded through A on B at the very next request', async () => {
    const { id, uploadedBy } = await upload(a, 'hello from A', 'a.txt');
    expect(uploadedBy).toBe('instance-a');
    expect(await listedIds(b)).toContain(id);
  });

  it("shows the file on B's page", async () => {
    await upload(a, 'page', 'on-the-page.txt');
    const page = await request(b).get('/');
    expect(page.text).toContain('on-the-page.txt');
    expect(page.headers['x-served-by']).toBe('instance-b');
  });

  it('downloads from B with an equal sha256', async () => {
    const body = randomBytes(256 * 1024);
    const { id } = await upload(a, body, 'random.bin');
    const res = await request(b)
      .get(`/files/${id}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(sha256(res.body as Buffer)).toBe(sha256(body));
  });

  it('serves a range from S3', async () => {
    const { id } = await upload(a, '0123456789', 'digits.txt');
    const res = await request(b).get(`/files/${id}`).set('Range', 'bytes=-4');
    expect([res.status, res.text, res.headers['content-range']]).toEqual([206, '6789', 'bytes 6-9/10']);
  });

  it('deletes through B, after which A no longer lists it', async () => {
    const { id, ownerToken } = await upload(a, 'short-lived', 'gone.txt');
    expect((await request(b).delete(`/api/files/${id}`).auth(ownerToken, { type: 'bearer' })).status).toBe(204);
    expect(await listedIds(a)).not.toContain(id);
    expect((await request(a).get(`/files/${id}`)).status).toBe(404);
  });

  it('pages across several pages, alternating instances, without gaps or repeats', async () => {
    for (let i = 0; i < 5; i += 1) await upload(i % 2 ? a : b, `page-${i}`, `p${i}.txt`);
    const all = await listedIds(a);
    const seen: string[] = [];
    let cursor: string | null = null;
    let turn = 0;
    do {
      const server = turn++ % 2 ? a : b;
      const res: request.Response = await request(server)
        .get('/api/files')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...res.body.files.map((f: { id: string }) => f.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('stores a 50 MiB upload with the right sha256', async () => {
    const body = randomBytes(50 * MiB);
    const record = await upload(a, body, 'big.bin');
    expect(record.sha256).toBe(sha256(body));
    const meta = await request(b).get(`/api/files/${record.id}`);
    expect(meta.body.size).toBe(50 * MiB);
  });

  it('answers 413 over the limit and stores nothing', async () => {
    const before = await listedIds(a);
    const res = await request(a)
      .post('/api/files')
      .attach('file', Buffer.alloc(64 * MiB + 1), 'too-big.bin');
    expect([res.status, res.body.error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(await listedIds(b)).toEqual(before);
  });
});
