import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { type BlobStore, FileTooLargeError, NotFoundError } from '@ha-uploads/files';

/** A BlobStore to run the contract on, and how to let it go. */
export interface BlobStoreUnderTest {
  readonly store: BlobStore;
  stop(): Promise<void>;
}

const MiB = 1024 * 1024;
const TEXT = Buffer.from('0123456789');

const readAll = async (body: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
};

/** The behaviours of the BlobStore port, run against the in-memory fake and S3BlobStore on the local S3 alike. */
export function describeBlobStoreContract(name: string, open: () => Promise<BlobStoreUnderTest>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let subject: BlobStoreUnderTest;
    const store = () => subject.store;
    const put = (key: string, body: Buffer, maxBytes = 16 * MiB, signal?: AbortSignal) =>
      store().put(key, Readable.from([body]), { contentType: 'application/octet-stream', maxBytes, signal });

    beforeAll(async () => {
      subject = await open();
    });

    afterAll(async () => {
      await subject?.stop();
    });

    it('stores a body and reports its size and hex SHA-256', async () => {
      const stored = await put('put/a', TEXT);
      expect([stored.size, stored.sha256]).toEqual([10, createHash('sha256').update(TEXT).digest('hex')]);
    });

    it('reads back exactly the stored bytes', async () => {
      await put('get/a', TEXT);
      const read = await store().get('get/a');
      expect([(await readAll(read.body)).toString(), read.contentLength]).toEqual(['0123456789', 10]);
    });

    it('reads an inclusive byte range', async () => {
      await put('range/a', TEXT);
      const read = await store().get('range/a', { start: 2, end: 4 });
      expect([(await readAll(read.body)).toString(), read.contentLength]).toEqual(['234', 3]);
    });

    it('stores a body larger than one multipart part', async () => {
      const body = Buffer.alloc(6 * MiB, 9);
      const stored = await put('large/a', body);
      expect([stored.size, (await readAll((await store().get('large/a')).body)).equals(body)]).toEqual([
        body.length,
        true,
      ]);
    });

    it('refuses a body past maxBytes with FileTooLargeError and keeps nothing', async () => {
      await expect(put('too-large/a', TEXT, 5)).rejects.toBeInstanceOf(FileTooLargeError);
      await expect(store().get('too-large/a')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('rejects with the abort reason when the signal is already aborted, and keeps nothing', async () => {
      const reason = Object.assign(new Error('client went away'), { name: 'AbortError' });
      await expect(put('aborted/a', TEXT, 16 * MiB, AbortSignal.abort(reason))).rejects.toBe(reason);
      await expect(store().get('aborted/a')).rejects.toBeInstanceOf(NotFoundError);
    });

    it("rejects with the body's own error when the body fails midway, and keeps nothing", async () => {
      const failure = new Error('the client disconnected');
      const failing = Readable.from(
        (async function* () {
          yield Buffer.alloc(MiB, 1);
          throw failure;
        })(),
      );
      await expect(
        store().put('failed/a', failing, { contentType: 'application/octet-stream', maxBytes: 16 * MiB }),
      ).rejects.toBe(failure);
      await expect(store().get('failed/a')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('answers a missing key with NotFoundError', async () => {
      await expect(store().get('missing/a')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('deletes an object', async () => {
      await put('delete/a', TEXT);
      await store().delete('delete/a');
      await expect(store().get('delete/a')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('deletes a missing key without error', async () => {
      await expect(store().delete('delete/never-stored')).resolves.toBeUndefined();
    });

    it('lists keys in ascending order after startAfter, with their last-modified times', async () => {
      for (const key of ['list/c', 'list/a', 'list/b']) await put(key, TEXT);
      const listed: [string, boolean][] = [];
      for await (const entry of store().list({ startAfter: 'list/a' })) {
        if (entry.key.startsWith('list/')) listed.push([entry.key, entry.lastModified instanceof Date]);
      }
      expect(listed).toEqual([
        ['list/b', true],
        ['list/c', true],
      ]);
    });

    it('answers ping while the store is up', async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });
  });
}
