import { createHash, randomBytes } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sweep } from '@ha-uploads/files';
import { itemKey } from '@ha-uploads/storage/testing';
import type { Answer } from '../testing/reliability/api-answer';
import { useAppFleet } from '../testing/reliability/app-fleet';

const MiB = 1024 * 1024;
const JSON_HEADERS = { 'content-type': 'application/json' };

const { backends, a, b } = useAppFleet({
  backends: {
    env: { MAX_DIRECT_UPLOAD_BYTES: String(64 * MiB), DIRECT_DOWNLOAD_MIN_BYTES: '0' },
  },
  instances: { a: { instanceId: 'i-a' }, b: { instanceId: 'i-b' } },
  timeoutMs: 60_000,
});

/** An API client with its own owner secret (learned from its first session), as a script without cookies would be. */
class Client {
  token?: string;

  async call(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body !== undefined && JSON_HEADERS),
        ...(this.token && { authorization: `Bearer ${this.token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : {} };
  }

  async create(base: string, size: number, name = 'big.bin') {
    const res = await this.call(base, 'POST', '/api/uploads', { name, size, contentType: 'application/octet-stream' });
    if (res.json.ownerToken) this.token = res.json.ownerToken;
    return res;
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('base64');
const partOf = (body: Buffer, partSize: number, n: number) => body.subarray((n - 1) * partSize, n * partSize);

/** A presigned part PUT as the sign call answers it. */
interface SignedPart {
  readonly partNumber: number;
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** Signs parts `numbers` in one call, each bound to the checksum of its slice of `body`. */
async function signParts(
  client: Client,
  base: string,
  id: string,
  body: Buffer,
  partSize: number,
  numbers: number[],
): Promise<SignedPart[]> {
  const signed = await client.call(base, 'POST', `/api/uploads/${id}/sign`, {
    parts: numbers.map((n) => ({ partNumber: n, checksum: sha256(partOf(body, partSize, n)) })),
  });
  expect(signed.status).toBe(200);
  return signed.json.parts;
}

/** Signs and PUTs (plain HTTP, as a browser would) parts `numbers`; returns what complete needs. */
async function sendParts(client: Client, base: string, id: string, body: Buffer, partSize: number, numbers: number[]) {
  const sent = [];
  for (const part of await signParts(client, base, id, body, partSize, numbers)) {
    const data = partOf(body, partSize, part.partNumber);
    const put = await fetch(part.url, { method: 'PUT', headers: part.headers, body: data });
    expect(put.status).toBe(200);
    sent.push({ partNumber: part.partNumber, etag: put.headers.get('etag') ?? '', checksum: sha256(data) });
  }
  return sent;
}

/** A new client's session on A for `size` random bytes, with the parts `numbers` sent through A. */
async function sessionOnA(size: number, numbers: number[]) {
  const client = new Client();
  const body = randomBytes(size);
  const { json: session } = await client.create(a.url, body.length);
  const parts = await sendParts(client, a.url, session.id, body, session.partSize, numbers);
  return { client, body, session, parts };
}

/** Whether `base` serves the file `id` with exactly `body`. */
async function servesWhole(base: string, id: string, body: Buffer) {
  const download = await fetch(`${base}/files/${id}`);
  return Buffer.from(await download.arrayBuffer()).equals(body);
}

async function listedIds(): Promise<string[]> {
  const res = await fetch(`${a.url}/api/files?limit=100`);
  return ((await res.json()) as { files: { id: string }[] }).files.map((f) => f.id);
}

describe('direct uploads through the upload-session API (local DynamoDB and S3)', () => {
  it('creates, signs, takes the parts over plain HTTP, completes, and downloads byte-identical', async () => {
    // GIVEN a 20 MiB file and a new anonymous client
    const client = new Client();
    const body = randomBytes(20 * MiB);
    // WHEN it creates a session, sends the three parts straight to S3 and completes
    const created = await client.create(a.url, body.length);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ partSize: 8 * MiB, partCount: 3 });
    const parts = await sendParts(client, a.url, created.json.id, body, created.json.partSize, [1, 2, 3]);
    const completed = await client.call(b.url, 'POST', `/api/uploads/${created.json.id}/complete`, { parts });
    // THEN the file is READY with its size and composite checksum, listed, and downloads byte-identical
    expect(completed.status).toBe(201);
    expect(completed.json).toMatchObject({
      id: created.json.id,
      size: body.length,
      yours: true,
      checksum: { algorithm: 'SHA256', type: 'COMPOSITE' },
    });
    expect(await listedIds()).toContain(created.json.id);
    expect(await servesWhole(b.url, created.json.id, body)).toBe(true);
  });

  it('refuses a part whose body is not the one signed: S3 answers 400 BadDigest and the status lists nothing', async () => {
    // GIVEN part 1 signed for its own bytes
    const client = new Client();
    const body = randomBytes(MiB);
    const { json: session } = await client.create(a.url, body.length);
    const [part] = await signParts(client, a.url, session.id, body, session.partSize, [1]);
    // WHEN other bytes of the same length are sent with it
    const put = await fetch(part.url, { method: 'PUT', headers: part.headers, body: randomBytes(MiB) });
    // THEN S3 refuses them and holds no part
    expect([put.status, /<Code>BadDigest<\/Code>/.test(await put.text())]).toEqual([400, true]);
    expect((await client.call(b.url, 'GET', `/api/uploads/${session.id}`)).json.parts).toEqual([]);
  });

  it('joins the parts once when the same complete reaches both instances at once', async () => {
    // GIVEN a session with its three parts stored
    const { client, body, session, parts } = await sessionOnA(20 * MiB, [1, 2, 3]);
    // WHEN complete is sent to A and B together
    const answers = await Promise.all(
      [a.url, b.url].map((base) => client.call(base, 'POST', `/api/uploads/${session.id}/complete`, { parts })),
    );
    // THEN each answer is the file or 409 UPLOAD_COMPLETING (one call joined the parts), and the file is whole
    for (const answer of answers)
      expect([answer.status, answer.status === 409 ? answer.json.error.code : answer.json.id]).toEqual(
        answer.status === 409 ? [409, 'UPLOAD_COMPLETING'] : [201, session.id],
      );
    expect(answers.some((answer) => answer.status === 201)).toBe(true);
    expect(await servesWhole(b.url, session.id, body)).toBe(true);
  });

  it('resumes on the other instance after a client crash, from the parts S3 lists', async () => {
    // GIVEN a client that sent part 1 of 3 through instance A, then crashed
    const {
      client,
      body,
      session,
      parts: [first],
    } = await sessionOnA(17 * MiB, [1]);
    // WHEN it comes back through instance B and asks what is stored
    const status = await client.call(b.url, 'GET', `/api/uploads/${session.id}`);
    // THEN B lists part 1 from S3 with its ETag, size and checksum, and the rest completes the file
    expect(status.json.parts).toEqual([{ ...first, size: session.partSize }]);
    const rest = await sendParts(client, b.url, session.id, body, session.partSize, [2, 3]);
    const known = status.json.parts.map((p: { partNumber: number; etag: string; checksum: string }) => ({
      partNumber: p.partNumber,
      etag: p.etag,
      checksum: p.checksum,
    }));
    const completed = await client.call(b.url, 'POST', `/api/uploads/${session.id}/complete`, {
      parts: [...known, ...rest],
    });
    expect(completed.status).toBe(201);
    expect(await servesWhole(a.url, session.id, body)).toBe(true);
  });

  it('aborts: S3 frees the parts, the entry goes, the session answers 404 and nothing is listed', async () => {
    const { client, session } = await sessionOnA(9 * MiB, [1]);
    const pending = await backends.catalog.get(session.id);
    // WHEN its owner aborts through B
    expect((await client.call(b.url, 'DELETE', `/api/uploads/${session.id}`)).status).toBe(204);
    // THEN no entry is left and the session is gone
    expect(await backends.catalog.get(session.id)).toBeUndefined();
    expect((await client.call(a.url, 'GET', `/api/uploads/${session.id}`)).json.error.code).toBe(
      'UPLOAD_SESSION_NOT_FOUND',
    );
    expect(await listedIds()).not.toContain(session.id);
    await expect(
      a.storage.multipart.listParts(pending?.objectKey ?? '', pending?.session?.uploadId ?? ''),
    ).rejects.toMatchObject({ code: 'NO_SUCH_UPLOAD' });
  });

  it('lets the sweeper abort and remove a session abandoned past its lifetime', async () => {
    // GIVEN an abandoned session
    const client = new Client();
    const { json: session } = await client.create(a.url, 10 * MiB);
    // WHEN a sweep runs 25 hours later
    const report = await sweep({
      catalog: a.storage.catalog,
      blobs: a.storage.blobs,
      multipart: a.storage.multipart,
      graceSeconds: 3600,
      now: new Date(Date.now() + 25 * 3600_000),
    });
    // THEN its entry is gone
    expect(report.staleEntries).toContain(session.id);
    expect(await backends.catalog.get(session.id)).toBeUndefined();
  });

  describe('bad input: a clear 4xx with a stable code, nothing stored or listed', () => {
    it.each([
      ['over the limit', 65 * MiB, 413, 'FILE_TOO_LARGE'],
      ['negative', -1, 400, 'INVALID_SIZE'],
    ])('refuses a declared size %s', async (_label, size, status, code) => {
      const before = await listedIds();
      const res = await new Client().create(a.url, size);
      expect([res.status, res.json.error.code]).toEqual([status, code]);
      expect(await listedIds()).toEqual(before);
    });

    it('refuses a part number out of range with PART_OUT_OF_RANGE', async () => {
      const client = new Client();
      const { json: session } = await client.create(a.url, 10 * MiB);
      const res = await client.call(a.url, 'POST', `/api/uploads/${session.id}/sign`, {
        parts: [{ partNumber: 3, checksum: sha256(Buffer.from('x')) }],
      });
      expect([res.status, res.json.error.code]).toEqual([400, 'PART_OUT_OF_RANGE']);
    });

    it('refuses completing with missing parts with MISSING_PARTS', async () => {
      const { client, session, parts } = await sessionOnA(9 * MiB, [1]);
      const res = await client.call(a.url, 'POST', `/api/uploads/${session.id}/complete`, { parts });
      expect([res.status, res.json.error.code]).toEqual([400, 'MISSING_PARTS']);
      expect(await listedIds()).not.toContain(session.id);
    });

    it('refuses a part list that does not match what is stored with PARTS_MISMATCH', async () => {
      const {
        client,
        session,
        parts: [part],
      } = await sessionOnA(MiB, [1]);
      const res = await client.call(a.url, 'POST', `/api/uploads/${session.id}/complete`, {
        parts: [{ ...part, etag: '"00000000000000000000000000000000"' }],
      });
      expect([res.status, res.json.error.code]).toEqual([400, 'PARTS_MISMATCH']);
      expect(await listedIds()).not.toContain(session.id);
    });

    it('has S3 refuse a part longer than its signed length with 403, storing nothing', async () => {
      // GIVEN a session declared at 1 MiB whose one part is signed for 1 MiB
      const client = new Client();
      const body = randomBytes(MiB + 1);
      const { json: session } = await client.create(a.url, MiB);
      const signed = await client.call(a.url, 'POST', `/api/uploads/${session.id}/sign`, {
        parts: [{ partNumber: 1, checksum: sha256(body) }],
      });
      const [part] = signed.json.parts as { url: string; headers: Record<string, string> }[];
      // WHEN the part is PUT with 1 MiB + 1 byte / THEN the signature does not cover it, and nothing is stored
      const put = await fetch(part.url, { method: 'PUT', headers: part.headers, body });
      expect([put.status, await put.text()]).toEqual([
        403,
        expect.stringContaining('<Code>SignatureDoesNotMatch</Code>'),
      ]);
      expect((await client.call(a.url, 'GET', `/api/uploads/${session.id}`)).json.parts).toEqual([]);
    });

    it("refuses another owner's session id with 403 NOT_OWNER", async () => {
      const owner = new Client();
      const { json: session } = await owner.create(a.url, MiB);
      const other = new Client();
      await other.create(a.url, MiB);
      for (const [method, path, body] of [
        ['GET', '', undefined],
        ['POST', '/sign', { parts: [{ partNumber: 1, checksum: sha256(Buffer.from('x')) }] }],
        ['DELETE', '', undefined],
      ] as const) {
        const res = await other.call(b.url, method, `/api/uploads/${session.id}${path}`, body);
        expect([method, path, res.status, res.json.error.code]).toEqual([method, path, 403, 'NOT_OWNER']);
      }
      expect((await backends.catalog.get(session.id))?.state).toBe('PENDING');
    });

    it('refuses an expired session with 410 UPLOAD_SESSION_EXPIRED', async () => {
      // GIVEN a session created 25 hours ago (its record rewritten, since the app reads the time from it)
      const client = new Client();
      const { json: session } = await client.create(a.url, MiB);
      await backends.clients.dynamodb.send(
        new UpdateCommand({
          TableName: backends.table,
          Key: itemKey(session.id),
          UpdateExpression: 'SET #s.createdAt = :then',
          ExpressionAttributeNames: { '#s': 'session' },
          ExpressionAttributeValues: { ':then': new Date(Date.now() - 25 * 3600_000).toISOString() },
        }),
      );
      // WHEN it asks for part URLs / THEN 410
      const res = await client.call(b.url, 'POST', `/api/uploads/${session.id}/sign`, {
        parts: [{ partNumber: 1, checksum: sha256(Buffer.from('x')) }],
      });
      expect([res.status, res.json.error.code]).toEqual([410, 'UPLOAD_SESSION_EXPIRED']);
    });

    it('refuses an aborted session with UPLOAD_SESSION_NOT_FOUND', async () => {
      const client = new Client();
      const { json: session } = await client.create(a.url, MiB);
      await client.call(a.url, 'DELETE', `/api/uploads/${session.id}`);
      const res = await client.call(b.url, 'POST', `/api/uploads/${session.id}/sign`, {
        parts: [{ partNumber: 1, checksum: sha256(Buffer.from('x')) }],
      });
      expect([res.status, res.json.error.code]).toEqual([404, 'UPLOAD_SESSION_NOT_FOUND']);
    });
  });
});
