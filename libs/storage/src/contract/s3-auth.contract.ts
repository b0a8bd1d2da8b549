import { createHash } from 'node:crypto';
import {
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PartUrlSigner } from '../lib/part-url-signer';
import type { S3Target } from './s3-targets';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('base64');

/** Requests without the right signature change nothing; presigned URLs bind what they signed. */
export function describeS3Authentication(target: () => S3Target): void {
  describe('authentication', () => {
    const key = (name: string) => `${target().prefix}auth/${name}`;
    const put = (name: string, body: string) =>
      target().s3.send(new PutObjectCommand({ Bucket: target().bucket, Key: key(name), Body: body }));
    const exists = (name: string) =>
      target()
        .s3.send(new HeadObjectCommand({ Bucket: target().bucket, Key: key(name) }))
        .then(
          () => true,
          (err: { name?: string }) => (err.name === 'NotFound' ? false : Promise.reject(err)),
        );
    const presignGet = (name: string, options: { expiresIn?: number; signingDate?: Date; disposition?: string } = {}) =>
      getSignedUrl(
        target().s3,
        new GetObjectCommand({
          Bucket: target().bucket,
          Key: key(name),
          ResponseContentDisposition: options.disposition,
        }),
        {
          expiresIn: options.expiresIn ?? 60,
          signingDate: options.signingDate,
        },
      );
    /** Starts a multipart upload of `name` and presigns its part 1 for `body`'s length and checksum. */
    const signOnePart = async (name: string, body: Buffer) => {
      const { UploadId } = await target().s3.send(
        new CreateMultipartUploadCommand({ Bucket: target().bucket, Key: key(name), ChecksumAlgorithm: 'SHA256' }),
      );
      const uploadId = UploadId as string;
      const signer = new PartUrlSigner({ s3: target().s3, bucket: target().bucket, expiresInSeconds: 60 });
      const [part] = await signer.sign(key(name), uploadId, [
        { partNumber: 1, size: body.length, checksum: sha256(body) },
      ]);
      return { uploadId, part };
    };
    const partsOf = async (name: string, uploadId: string) =>
      (await target().s3.send(new ListPartsCommand({ Bucket: target().bucket, Key: key(name), UploadId: uploadId })))
        .Parts ?? [];

    it('refuses an unsigned PUT with 403 AccessDenied and stores nothing', async () => {
      const res = await fetch(target().objectUrl(key('unsigned')), { method: 'PUT', body: 'anyone' });
      expect([res.status, await res.text()]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code>')]);
      expect(await exists('unsigned')).toBe(false);
    });

    it('refuses an unsigned GET with 403 AccessDenied', async () => {
      await put('private', 'secret');
      const res = await fetch(target().objectUrl(key('private')));
      expect([res.status, await res.text()]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code>')]);
    });

    it.each([
      [
        'a request signed with the wrong secret',
        'SignatureDoesNotMatch',
        'wrong-secret',
        async () => ({
          accessKeyId: (await target().s3.config.credentials()).accessKeyId,
          secretAccessKey: 'not-the-secret',
        }),
      ],
      [
        'an unknown access key id',
        'InvalidAccessKeyId',
        'unknown-key',
        async () => ({ accessKeyId: 'AKIAUNKNOWNCONTRACT1', secretAccessKey: 'whatever' }),
      ],
    ])('refuses %s as %s', async (_what, name, keyName, credentials) => {
      const client = target().clientWith(await credentials());
      await expect(
        client.send(new PutObjectCommand({ Bucket: target().bucket, Key: key(keyName), Body: 'x' })),
      ).rejects.toMatchObject({ name, $metadata: { httpStatusCode: 403 } });
      client.destroy();
    });

    it('serves a presigned GET with its signed response-content-disposition', async () => {
      await put('presigned', 'hello');
      const res = await fetch(await presignGet('presigned', { disposition: 'attachment; filename="a.txt"' }));
      expect([res.status, res.headers.get('content-disposition'), await res.text()]).toEqual([
        200,
        'attachment; filename="a.txt"',
        'hello',
      ]);
    });

    it('refuses a presigned GET whose response-content-disposition was changed', async () => {
      await put('tampered', 'hello');
      const url = new URL(await presignGet('tampered', { disposition: 'attachment' }));
      url.searchParams.set('response-content-disposition', 'inline');
      const res = await fetch(url);
      expect([res.status, await res.text()]).toEqual([
        403,
        expect.stringContaining('<Code>SignatureDoesNotMatch</Code>'),
      ]);
    });

    it('refuses an expired presigned GET with 403 AccessDenied "Request has expired"', async () => {
      await put('expired', 'hello');
      const res = await fetch(
        await presignGet('expired', { expiresIn: 1, signingDate: new Date(Date.now() - 60_000) }),
      );
      expect([res.status, await res.text()]).toEqual([
        403,
        expect.stringMatching(/<Code>AccessDenied<\/Code>.*Request has expired/s),
      ]);
    });

    it('refuses a presigned URL used for another key', async () => {
      await put('bound-a', 'a');
      await put('bound-b', 'b');
      const url = (await presignGet('bound-a')).replace(encodeURIComponent('bound-a'), encodeURIComponent('bound-b'));
      const res = await fetch(url);
      expect(res.status).toBe(403);
    });

    it('refuses a presigned part whose body is longer than its signed length', async () => {
      const body = Buffer.from('exactly this');
      const { uploadId, part } = await signOnePart('signed-length', body);
      const res = await fetch(part.url, {
        method: 'PUT',
        headers: part.headers,
        body: Buffer.concat([body, Buffer.from('!')]),
      });
      expect(res.status).toBe(403);
      expect(await partsOf('signed-length', uploadId)).toEqual([]);
    });

    it('refuses a presigned part sent with another checksum header than the signed one', async () => {
      const body = Buffer.from('the signed body');
      const { uploadId, part } = await signOnePart('signed-checksum', body);
      const other = Buffer.from('another body...');
      const res = await fetch(part.url, {
        method: 'PUT',
        headers: { 'x-amz-checksum-sha256': sha256(other) },
        body: other,
      });
      expect(res.status).toBe(403);
      expect(await partsOf('signed-checksum', uploadId)).toEqual([]);
    });

    it('refuses with 400 BadDigest a presigned part whose body does not match its signed checksum, storing nothing', async () => {
      const body = Buffer.from('the signed body');
      const { uploadId, part } = await signOnePart('bad-digest-part', body);
      const res = await fetch(part.url, { method: 'PUT', headers: part.headers, body: Buffer.from('the other body!') });
      expect([res.status, await res.text()]).toEqual([400, expect.stringContaining('<Code>BadDigest</Code>')]);
      expect(await partsOf('bad-digest-part', uploadId)).toEqual([]);
    });

    it('accepts a presigned part that matches its signed length and checksum, returning the ETag', async () => {
      const body = Buffer.from('the signed body');
      const { part } = await signOnePart('good-part', body);
      const res = await fetch(part.url, { method: 'PUT', headers: part.headers, body });
      expect([res.status, res.headers.get('etag')]).toEqual([200, `"${createHash('md5').update(body).digest('hex')}"`]);
    });
  });
}
