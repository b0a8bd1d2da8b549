import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { BackendUnavailableError, NotFoundError, FileTooLargeError } from '@ha-uploads/files';
import { startTestBackends, type TestBackends } from '../testing/local-backends';
import { byteSource, readAll, sha256Of } from '../testing/byte-source';

const MiB = 1024 * 1024;
const PART_SIZE = 5 * MiB;
const QUEUE_SIZE = 2;

describe('S3BlobStore against s3rver', () => {
  let backends: TestBackends;
  let keyCounter = 0;
  const nextKey = () => `objects/test-${++keyCounter}`;
  const put = (key: string, body: Readable, maxBytes = 100 * MiB, signal?: AbortSignal) =>
    backends.blobStore.put(key, body, { contentType: 'application/octet-stream', maxBytes, signal });

  beforeAll(async () => {
    backends = await startTestBackends({
      env: { UPLOAD_PART_SIZE_BYTES: String(PART_SIZE), UPLOAD_QUEUE_SIZE: String(QUEUE_SIZE) },
    });
  });

  afterAll(async () => {
    await backends.stop();
  });

  async function expectNoObject(key: string): Promise<void> {
    await expect(backends.blobStore.get(key)).rejects.toBeInstanceOf(NotFoundError);
    const keys: string[] = [];
    for await (const object of backends.blobStore.list()) keys.push(object.key);
    expect(keys).not.toContain(key);
  }

  it('stores a streamed body and reports its size and sha256', async () => {
    // GIVEN
    const key = nextKey();
    const body = randomBytes(300 * 1024);
    // WHEN
    const stored = await put(key, Readable.from([body.subarray(0, 1000), body.subarray(1000)]));
    // THEN
    expect(stored.size).toBe(body.length);
    expect(stored.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    const read = await backends.blobStore.get(key);
    expect(read.contentLength).toBe(body.length);
    expect((await readAll(read.body)).equals(body)).toBe(true);
  });

  it('stores a zero-byte body', async () => {
    const key = nextKey();
    const stored = await put(key, Readable.from([]));
    expect(stored).toMatchObject({ size: 0, sha256: createHash('sha256').digest('hex') });
    expect((await backends.blobStore.get(key)).contentLength).toBe(0);
  });

  it('streams a 50 MiB body in parts with an equal sha256 and bounded buffering', async () => {
    // GIVEN a lazily generated body, and a count of the bytes S3 has acknowledged
    const key = nextKey();
    const size = 50 * MiB;
    let acknowledged = 0;
    let maxLead = 0;
    const middlewareName = 'countAcknowledgedBytes';
    backends.clients.s3.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const body = (args.input as { Body?: unknown }).Body;
        if (body instanceof Uint8Array) acknowledged += body.byteLength;
        return result;
      },
      { step: 'initialize', name: middlewareName },
    );
    const source = byteSource(size, (produced) => {
      maxLead = Math.max(maxLead, produced - acknowledged);
    });
    try {
      // WHEN
      const stored = await put(key, source.stream);
      // THEN the bytes are intact end to end
      const expected = source.sha256();
      expect(stored).toMatchObject({ size, sha256: expected });
      const read = await backends.blobStore.get(key);
      expect(read.contentLength).toBe(size);
      expect(await sha256Of(read.body)).toBe(expected);
      // AND backpressure held the body back: never more than the queued parts plus the one being filled
      // were read ahead of S3, so memory stays flat whatever the size.
      expect(maxLead).toBeLessThanOrEqual((QUEUE_SIZE + 1) * PART_SIZE + MiB);
    } finally {
      backends.clients.s3.middlewareStack.remove(middlewareName);
    }
  });

  it('returns exactly the requested byte range', async () => {
    const key = nextKey();
    const body = randomBytes(10_000);
    await put(key, Readable.from([body]));
    const read = await backends.blobStore.get(key, { start: 100, end: 1_099 });
    expect(read.contentLength).toBe(1_000);
    expect((await readAll(read.body)).equals(body.subarray(100, 1_100))).toBe(true);
  });

  it('rejects a missing key with NotFoundError', async () => {
    await expect(backends.blobStore.get('objects/never-stored')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects a small body past maxBytes with FileTooLargeError and leaves no object', async () => {
    const key = nextKey();
    await expect(put(key, Readable.from([randomBytes(2_000)]), 1_999)).rejects.toBeInstanceOf(FileTooLargeError);
    await expectNoObject(key);
  });

  it('rejects a multipart body past maxBytes with FileTooLargeError and leaves no object', async () => {
    const key = nextKey();
    const source = byteSource(3 * PART_SIZE);
    await expect(put(key, source.stream, 2 * PART_SIZE + 1)).rejects.toBeInstanceOf(FileTooLargeError);
    await expectNoObject(key);
  });

  it('rejects an aborted upload and leaves no object', async () => {
    // GIVEN a body that never ends, aborted once more than a part has been read
    const key = nextKey();
    const controller = new AbortController();
    const source = byteSource(Infinity, (produced) => {
      if (produced > PART_SIZE + MiB && !controller.signal.aborted) controller.abort();
    });
    // WHEN / THEN
    await expect(put(key, source.stream, 100 * MiB, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    await expectNoObject(key);
  });

  it('rejects an upload whose body fails and leaves no object', async () => {
    const key = nextKey();
    // A body that yields one chunk, then breaks instead of ending, like a dropped client connection.
    const body = new Readable({
      read() {
        this.push(randomBytes(1_000));
      },
    });
    setImmediate(() => body.destroy(new Error('client went away')));
    await expect(put(key, body)).rejects.toThrow('client went away');
    await expectNoObject(key);
  });

  it('deletes an object, and deleting it again is not an error', async () => {
    const key = nextKey();
    await put(key, Readable.from([Buffer.from('bye')]));
    await backends.blobStore.delete(key);
    await expect(backends.blobStore.delete(key)).resolves.toBeUndefined();
    await expectNoObject(key);
  });

  it('lists every stored key with its last-modified time', async () => {
    const keys = [nextKey(), nextKey()];
    for (const key of keys) await put(key, Readable.from([Buffer.from(key)]));
    const listed = new Map<string, Date>();
    for await (const object of backends.blobStore.list()) listed.set(object.key, object.lastModified);
    for (const key of keys) expect(listed.get(key)).toBeInstanceOf(Date);
  });

  it('pings while S3 answers', async () => {
    await expect(backends.blobStore.ping()).resolves.toBeUndefined();
  });

  describe('while S3 is stopped', () => {
    beforeAll(async () => {
      await backends.stopS3();
    });

    afterAll(async () => {
      await backends.startS3();
    });

    it('fails ping with BackendUnavailableError', async () => {
      await expect(backends.blobStore.ping()).rejects.toBeInstanceOf(BackendUnavailableError);
    });

    it('fails put with BackendUnavailableError', async () => {
      await expect(put(nextKey(), Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(BackendUnavailableError);
    });
  });

  it('answers again once S3 is back', async () => {
    await expect(backends.blobStore.ping()).resolves.toBeUndefined();
  });
});
