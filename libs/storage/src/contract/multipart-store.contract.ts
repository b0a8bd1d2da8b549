import { createHash, randomBytes } from 'node:crypto';
import { compositeChecksum, type MultipartStore, type SignedRequest } from '@ha-uploads/files';
import type { MultipartStoreSubject, MultipartStoreTarget } from './multipart-store-targets';

const MiB = 1024 * 1024;
/** Long enough ago that a URL signed then for the default 300 seconds has expired. */
const TEN_MINUTES_MS = 10 * 60_000;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('base64');

/**
 * The MultipartStore port's contract, one behaviour each, against the store `openTarget` gives: the in-memory fake
 * and S3MultipartStore on the local S3 on every npm test, S3MultipartStore on AWS under storage:contract-aws.
 */
export function describeMultipartStore(name: string, openTarget: () => Promise<MultipartStoreTarget>): void {
  let opened: MultipartStoreTarget | undefined;
  const target = (): MultipartStoreTarget => {
    if (!opened) throw new Error('the multipart store target did not open');
    return opened;
  };

  describe(`MultipartStore contract: ${name}`, () => {
    beforeAll(async () => {
      opened = await openTarget();
    });

    afterAll(async () => {
      await opened?.stop();
    });

    let subject: MultipartStoreSubject;
    let store: MultipartStore;
    let key: string;
    beforeEach(() => {
      subject = target().open();
      store = subject.store;
      key = target().key();
    });

    /** Signs part `partNumber` for `body` and PUTs `sent` (default: `body`) through the URL, as a browser would. */
    const put = async (
      on: MultipartStoreSubject,
      uploadId: string,
      partNumber: number,
      body: Buffer,
      sent = body,
    ): Promise<Response> => {
      const [signed] = await on.store.signParts(key, uploadId, [
        { partNumber, size: body.length, checksum: sha256(body) },
      ]);
      return send(on, signed, sent);
    };
    const send = (on: MultipartStoreSubject, signed: SignedRequest, body: Buffer) =>
      on.fetch(signed.url, { method: 'PUT', headers: { ...signed.headers }, body });
    const part = async (uploadId: string, partNumber: number, body: Buffer) => {
      const res = await put(subject, uploadId, partNumber, body);
      expect(res.status).toBe(200);
      return { partNumber, etag: res.headers.get('etag') ?? '', checksum: sha256(body) };
    };
    const errorCode = async (res: Response) => /<Code>([^<]+)<\/Code>/.exec(await res.text())?.[1];

    it('creates an upload that holds no parts yet', async () => {
      const uploadId = await store.create(key, { contentType: 'application/pdf' });
      expect(await store.listParts(key, uploadId)).toEqual([]);
    });

    it('takes a part PUT through its signed URL and lists it with its ETag, size and checksum', async () => {
      const uploadId = await store.create(key, { contentType: 'application/octet-stream' });
      const body = randomBytes(1024);
      const stored = await part(uploadId, 1, body);
      expect(await store.listParts(key, uploadId)).toEqual([
        { partNumber: 1, etag: stored.etag, size: 1024, checksum: sha256(body) },
      ]);
    });

    it('lists every part across ListParts pages, in part-number order', async () => {
      // GIVEN a store whose ListParts pages hold 2 parts, and 3 parts stored out of order
      const paged = target().open({ listPageSize: 2 });
      const uploadId = await paged.store.create(key, { contentType: 'application/octet-stream' });
      for (const n of [3, 1, 2]) expect((await put(paged, uploadId, n, Buffer.from(`part ${n}`))).status).toBe(200);
      // WHEN listed / THEN all three, in order
      expect((await paged.store.listParts(key, uploadId)).map((p) => p.partNumber)).toEqual([1, 2, 3]);
    });

    it('refuses a part whose body does not match its signed checksum with 400 BadDigest, storing nothing', async () => {
      const uploadId = await store.create(key, { contentType: 'application/octet-stream' });
      const res = await put(subject, uploadId, 1, Buffer.from('the signed body'), Buffer.from('another body!!!'));
      expect([res.status, await errorCode(res)]).toEqual([400, 'BadDigest']);
      expect(await store.listParts(key, uploadId)).toEqual([]);
    });

    it('refuses a part longer than its signed length with 403, storing nothing', async () => {
      const uploadId = await store.create(key, { contentType: 'application/octet-stream' });
      const res = await put(subject, uploadId, 1, Buffer.from('signed'), Buffer.from('signed and more'));
      expect(res.status).toBe(403);
      expect(await store.listParts(key, uploadId)).toEqual([]);
    });

    it('refuses a part PUT through an expired URL with 403', async () => {
      // GIVEN a store whose clock is ten minutes behind, so its URLs (300 seconds) are born expired
      const late = target().open({ clock: () => new Date(Date.now() - TEN_MINUTES_MS) });
      const uploadId = await late.store.create(key, { contentType: 'application/octet-stream' });
      // WHEN a part goes through such a URL / THEN 403, and nothing is stored
      expect((await put(late, uploadId, 1, Buffer.from('late'))).status).toBe(403);
      expect(await late.store.listParts(key, uploadId)).toEqual([]);
    });

    it('frees the parts on abort: later calls see NO_SUCH_UPLOAD', async () => {
      const uploadId = await store.create(key, { contentType: 'application/octet-stream' });
      await part(uploadId, 1, Buffer.from('one'));
      await store.abort(key, uploadId);
      await expect(store.listParts(key, uploadId)).rejects.toMatchObject({ code: 'NO_SUCH_UPLOAD', kind: 'not-found' });
    });

    it('aborts an upload it no longer holds without an error', async () => {
      const uploadId = await store.create(key, { contentType: 'application/octet-stream' });
      await store.abort(key, uploadId);
      await expect(store.abort(key, uploadId)).resolves.toBeUndefined();
    });

    it('joins the parts into the object and reports its size and COMPOSITE SHA-256', async () => {
      // GIVEN a 5 MiB part and a short last part
      const uploadId = await store.create(key, { contentType: 'application/octet-stream' });
      const first = randomBytes(5 * MiB);
      const last = randomBytes(1000);
      const parts = [await part(uploadId, 1, first), await part(uploadId, 2, last)];
      // WHEN completed / THEN the object holds both, with S3's checksum of the parts' checksums
      await store.complete(key, uploadId, parts);
      const value = compositeChecksum([sha256(first), sha256(last)]);
      expect(await store.head(key)).toEqual({
        size: 5 * MiB + 1000,
        checksum: { algorithm: 'SHA256', value, type: 'COMPOSITE' },
      });
      expect(value).toMatch(/-2$/);
    });

    it('refuses to complete with a part under another ETag (PARTS_MISMATCH), keeping the upload', async () => {
      const uploadId = await store.create(key, { contentType: 'application/octet-stream' });
      const stored = await part(uploadId, 1, Buffer.from('one'));
      await expect(
        store.complete(key, uploadId, [{ ...stored, etag: '"0123456789abcdef0123456789abcdef"' }]),
      ).rejects.toMatchObject({ code: 'PARTS_MISMATCH' });
      expect(await store.listParts(key, uploadId)).toHaveLength(1);
    });

    it('refuses to complete with a part never uploaded (PARTS_MISMATCH)', async () => {
      const uploadId = await store.create(key, { contentType: 'application/octet-stream' });
      const stored = await part(uploadId, 1, randomBytes(5 * MiB));
      const missing = {
        partNumber: 2,
        etag: '"0123456789abcdef0123456789abcdef"',
        checksum: sha256(Buffer.from('never sent')),
      };
      await expect(store.complete(key, uploadId, [stored, missing])).rejects.toMatchObject({ code: 'PARTS_MISMATCH' });
    });

    it('refuses to complete an aborted upload (PARTS_MISMATCH)', async () => {
      const uploadId = await store.create(key, { contentType: 'application/octet-stream' });
      const stored = await part(uploadId, 1, Buffer.from('one'));
      await store.abort(key, uploadId);
      await expect(store.complete(key, uploadId, [stored])).rejects.toMatchObject({ code: 'PARTS_MISMATCH' });
    });

    it('refuses to overwrite an existing key on complete (OBJECT_EXISTS), keeping the object', async () => {
      // GIVEN an object completed under the key, and a second upload to the same key
      const firstUpload = await store.create(key, { contentType: 'application/octet-stream' });
      await store.complete(key, firstUpload, [await part(firstUpload, 1, Buffer.from('first'))]);
      const secondUpload = await store.create(key, { contentType: 'application/octet-stream' });
      const second = await part(secondUpload, 1, Buffer.from('the second body'));
      // WHEN the second completes / THEN refused, and the first object stays
      await expect(store.complete(key, secondUpload, [second])).rejects.toMatchObject({
        code: 'OBJECT_EXISTS',
        kind: 'conflict',
      });
      expect((await store.head(key)).size).toBe(5);
      await store.abort(key, secondUpload);
    });

    it('answers NO_SUCH_OBJECT for the head of a missing key', async () => {
      await expect(store.head(key)).rejects.toMatchObject({ code: 'NO_SUCH_OBJECT', kind: 'not-found' });
    });

    it('signs a download URL that answers the body with the signed Content-Disposition and Content-Type', async () => {
      const uploadId = await store.create(key, { contentType: 'application/octet-stream' });
      await store.complete(key, uploadId, [await part(uploadId, 1, Buffer.from('hello'))]);
      const url = await store.signDownload(key, {
        contentDisposition: 'attachment; filename="a.txt"',
        contentType: 'text/plain',
      });
      const res = await subject.fetch(url);
      expect([
        res.status,
        res.headers.get('content-disposition'),
        res.headers.get('content-type'),
        await res.text(),
      ]).toEqual([200, 'attachment; filename="a.txt"', 'text/plain', 'hello']);
    });

    it('refuses a download URL whose signed response-content-disposition was changed with 403', async () => {
      const uploadId = await store.create(key, { contentType: 'text/html' });
      await store.complete(key, uploadId, [await part(uploadId, 1, Buffer.from('<p>hi</p>'))]);
      const url = new URL(
        await store.signDownload(key, { contentDisposition: 'attachment', contentType: 'text/html' }),
      );
      url.searchParams.set('response-content-disposition', 'inline');
      expect((await subject.fetch(url.toString())).status).toBe(403);
    });

    it('refuses an expired download URL with 403', async () => {
      const uploadId = await store.create(key, { contentType: 'application/octet-stream' });
      await store.complete(key, uploadId, [await part(uploadId, 1, Buffer.from('hello'))]);
      const late = target().open({ clock: () => new Date(Date.now() - TEN_MINUTES_MS) });
      const url = await late.store.signDownload(key, { contentDisposition: 'attachment', contentType: 'text/plain' });
      expect((await late.fetch(url)).status).toBe(403);
    });
  });
}
