import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import type { S3Target } from './s3-targets';

const TEN = '0123456789';

/**
 * PutObject, GetObject and HeadObject as the app uses them: checksums, conditions, ranges, metadata, listing, errors.
 */
export function describeS3Objects(target: () => S3Target): void {
  describe('objects', () => {
    const key = (name: string) => `${target().prefix}objects/${name}`;
    const put = (name: string, input: Partial<PutObjectCommandInput> = {}) =>
      target().s3.send(new PutObjectCommand({ Bucket: target().bucket, Key: key(name), Body: TEN, ...input }));
    const getText = async (name: string, range?: string) => {
      const out = await target().s3.send(
        new GetObjectCommand({ Bucket: target().bucket, Key: key(name), Range: range }),
      );
      return {
        text: await out.Body!.transformToString(),
        contentRange: out.ContentRange,
        status: out.$metadata.httpStatusCode,
      };
    };

    it('refuses a body that does not match its SHA-256 checksum with BadDigest, storing nothing', async () => {
      const wrong = createHash('sha256').update('something else').digest('base64');
      await expect(put('bad-digest', { ChecksumSHA256: wrong })).rejects.toMatchObject({
        name: 'BadDigest',
        $metadata: { httpStatusCode: 400 },
      });
      await expect(
        target().s3.send(new HeadObjectCommand({ Bucket: target().bucket, Key: key('bad-digest') })),
      ).rejects.toMatchObject({ name: 'NotFound' });
    });

    it('returns the stored SHA-256 checksum on HeadObject with checksum mode', async () => {
      const checksum = createHash('sha256').update(TEN).digest('base64');
      await put('checksum', { ChecksumSHA256: checksum });
      const head = await target().s3.send(
        new HeadObjectCommand({ Bucket: target().bucket, Key: key('checksum'), ChecksumMode: 'ENABLED' }),
      );
      expect([head.ChecksumSHA256, head.ChecksumType]).toEqual([checksum, 'FULL_OBJECT']);
    });

    it('refuses PutObject with If-None-Match: * on an existing key with 412 PreconditionFailed', async () => {
      await put('exists');
      await expect(put('exists', { IfNoneMatch: '*', Body: 'other' })).rejects.toMatchObject({
        name: 'PreconditionFailed',
        $metadata: { httpStatusCode: 412 },
      });
      expect((await getText('exists')).text).toBe(TEN);
    });

    it('lets exactly one of two racing If-None-Match: * writers win', async () => {
      const results = await Promise.allSettled([
        put('race', { IfNoneMatch: '*', Body: 'first' }),
        put('race', { IfNoneMatch: '*', Body: 'second' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    });

    it.each([
      ['answers bytes=a-b with exactly those bytes (206)', 'range', 'bytes=2-4', '234', 'bytes 2-4/10'],
      ['answers a suffix range bytes=-n with the last n bytes', 'suffix', 'bytes=-3', '789', 'bytes 7-9/10'],
      ['answers an open range bytes=a- with the rest of the object', 'open', 'bytes=7-', '789', 'bytes 7-9/10'],
      ['clamps a range that ends past the end of the object', 'clamp', 'bytes=8-100', '89', 'bytes 8-9/10'],
    ])('%s', async (_behaviour, name, range, text, contentRange) => {
      await put(name);
      expect(await getText(name, range)).toEqual({ text, contentRange, status: 206 });
    });

    it('refuses a range that starts past the end with 416 InvalidRange', async () => {
      await put('unsatisfiable');
      await expect(getText('unsatisfiable', 'bytes=10-20')).rejects.toMatchObject({
        name: 'InvalidRange',
        $metadata: { httpStatusCode: 416 },
      });
    });

    it('returns the stored content type, content disposition and user metadata', async () => {
      await put('metadata', {
        ContentType: 'text/csv',
        ContentDisposition: 'attachment; filename="a.csv"',
        Metadata: { owner: 'contract' },
      });
      const head = await target().s3.send(new HeadObjectCommand({ Bucket: target().bucket, Key: key('metadata') }));
      expect([head.ContentType, head.ContentDisposition, head.Metadata]).toEqual([
        'text/csv',
        'attachment; filename="a.csv"',
        { owner: 'contract' },
      ]);
    });

    it('pages ListObjectsV2 by MaxKeys after StartAfter, in key order', async () => {
      for (const name of ['a', 'b', 'c', 'd']) await put(`list/${name}`);
      const list = (token?: string) =>
        target().s3.send(
          new ListObjectsV2Command({
            Bucket: target().bucket,
            Prefix: key('list/'),
            StartAfter: key('list/a'),
            MaxKeys: 2,
            ContinuationToken: token,
          }),
        );
      const first = await list();
      const second = await list(first.NextContinuationToken);
      const names = (out: typeof first) => (out.Contents ?? []).map((o) => o.Key?.slice(key('list/').length));
      expect([names(first), first.IsTruncated, names(second), second.IsTruncated]).toEqual([
        ['b', 'c'],
        true,
        ['d'],
        false,
      ]);
    });

    it('answers GetObject of a missing key with NoSuchKey', async () => {
      await expect(getText('missing')).rejects.toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    });

    it('answers HeadObject of a missing key with NotFound', async () => {
      await expect(
        target().s3.send(new HeadObjectCommand({ Bucket: target().bucket, Key: key('missing') })),
      ).rejects.toMatchObject({ name: 'NotFound' });
    });
  });
}
