import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  type CompletedPart,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { S3Target } from './s3-targets';

const MiB = 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('base64');

/** Multipart uploads as the direct-upload sessions use them. */
export function describeS3Multipart(target: () => S3Target): void {
  describe('multipart uploads', () => {
    const key = (name: string) => `${target().prefix}multipart/${name}`;
    const create = async (name: string, extra: { ContentType?: string; Metadata?: Record<string, string> } = {}) => {
      const out = await target().s3.send(
        new CreateMultipartUploadCommand({
          Bucket: target().bucket,
          Key: key(name),
          ChecksumAlgorithm: 'SHA256',
          ...extra,
        }),
      );
      return out.UploadId as string;
    };
    const upload = async (name: string, uploadId: string, partNumber: number, body: Buffer): Promise<CompletedPart> => {
      const out = await target().s3.send(
        new UploadPartCommand({
          Bucket: target().bucket,
          Key: key(name),
          UploadId: uploadId,
          PartNumber: partNumber,
          Body: body,
          ChecksumSHA256: sha256(body),
        }),
      );
      return { PartNumber: partNumber, ETag: out.ETag, ChecksumSHA256: out.ChecksumSHA256 };
    };
    const complete = (name: string, uploadId: string, parts: CompletedPart[], ifNoneMatch?: string) =>
      target().s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: target().bucket,
          Key: key(name),
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
          IfNoneMatch: ifNoneMatch,
        }),
      );
    const listParts = (name: string, uploadId: string, marker?: string) =>
      target().s3.send(
        new ListPartsCommand({
          Bucket: target().bucket,
          Key: key(name),
          UploadId: uploadId,
          MaxParts: 1,
          PartNumberMarker: marker,
        }),
      );

    it('pages ListParts by MaxParts with markers, each part with its ETag, size and SHA-256', async () => {
      const uploadId = await create('list-parts');
      const parts = [
        await upload('list-parts', uploadId, 1, Buffer.from('one')),
        await upload('list-parts', uploadId, 2, Buffer.from('two!')),
      ];
      const first = await listParts('list-parts', uploadId);
      const second = await listParts('list-parts', uploadId, String(first.NextPartNumberMarker));
      const brief = (out: typeof first) =>
        (out.Parts ?? []).map((p) => [p.PartNumber, p.ETag, p.Size, p.ChecksumSHA256]);
      expect([brief(first), first.IsTruncated, brief(second), second.IsTruncated]).toEqual([
        [[1, parts[0].ETag, 3, sha256(Buffer.from('one'))]],
        true,
        [[2, parts[1].ETag, 4, sha256(Buffer.from('two!'))]],
        false,
      ]);
    });

    it('lists an upload in progress in ListMultipartUploads', async () => {
      const uploadId = await create('in-progress');
      const out = await target().s3.send(
        new ListMultipartUploadsCommand({ Bucket: target().bucket, Prefix: key('in-progress') }),
      );
      expect((out.Uploads ?? []).map((u) => [u.Key, u.UploadId])).toEqual([[key('in-progress'), uploadId]]);
    });

    it('forgets an aborted upload and its parts: ListParts answers NoSuchUpload', async () => {
      const uploadId = await create('aborted');
      await upload('aborted', uploadId, 1, Buffer.from('part'));
      await target().s3.send(
        new AbortMultipartUploadCommand({ Bucket: target().bucket, Key: key('aborted'), UploadId: uploadId }),
      );
      await expect(listParts('aborted', uploadId)).rejects.toMatchObject({
        name: 'NoSuchUpload',
        $metadata: { httpStatusCode: 404 },
      });
    });

    it('refuses to complete with a part that was never uploaded: InvalidPart', async () => {
      const uploadId = await create('missing-part');
      const part = await upload('missing-part', uploadId, 1, Buffer.from('part'));
      await expect(complete('missing-part', uploadId, [part, { ...part, PartNumber: 2 }])).rejects.toMatchObject({
        name: 'InvalidPart',
        $metadata: { httpStatusCode: 400 },
      });
    });

    it('refuses to complete with a part whose ETag differs: InvalidPart', async () => {
      const uploadId = await create('wrong-etag');
      const part = await upload('wrong-etag', uploadId, 1, Buffer.from('part'));
      await expect(
        complete('wrong-etag', uploadId, [{ ...part, ETag: '"00000000000000000000000000000000"' }]),
      ).rejects.toMatchObject({ name: 'InvalidPart' });
    });

    it('refuses parts listed out of order: InvalidPartOrder', async () => {
      const uploadId = await create('order');
      const one = await upload('order', uploadId, 1, Buffer.alloc(5 * MiB, 1));
      const two = await upload('order', uploadId, 2, Buffer.from('end'));
      await expect(complete('order', uploadId, [two, one])).rejects.toMatchObject({
        name: 'InvalidPartOrder',
        $metadata: { httpStatusCode: 400 },
      });
    });

    it('refuses a part under 5 MiB that is not the last: EntityTooSmall', async () => {
      const uploadId = await create('too-small');
      const parts = [
        await upload('too-small', uploadId, 1, Buffer.from('small')),
        await upload('too-small', uploadId, 2, Buffer.from('end')),
      ];
      await expect(complete('too-small', uploadId, parts)).rejects.toMatchObject({
        name: 'EntityTooSmall',
        $metadata: { httpStatusCode: 400 },
      });
    });

    it('answers NoSuchUpload for an upload id it never gave', async () => {
      await expect(listParts('unknown', 'an-upload-id-that-was-never-given')).rejects.toMatchObject({
        name: 'NoSuchUpload',
      });
    });

    it('completes into one object with the composite SHA-256 of the parts, and the creation metadata', async () => {
      const first = Buffer.alloc(5 * MiB, 7);
      const last = Buffer.from('the end');
      const uploadId = await create('joined', { ContentType: 'text/plain', Metadata: { session: 's-1' } });
      const parts = [await upload('joined', uploadId, 1, first), await upload('joined', uploadId, 2, last)];
      const done = await complete('joined', uploadId, parts);
      const composite = `${createHash('sha256')
        .update(
          Buffer.concat([createHash('sha256').update(first).digest(), createHash('sha256').update(last).digest()]),
        )
        .digest('base64')}-2`;
      const head = await target().s3.send(
        new HeadObjectCommand({ Bucket: target().bucket, Key: key('joined'), ChecksumMode: 'ENABLED' }),
      );
      expect([done.ChecksumSHA256, head.ChecksumSHA256, head.ChecksumType, head.ContentLength]).toEqual([
        composite,
        composite,
        'COMPOSITE',
        first.length + last.length,
      ]);
      expect([head.ContentType, head.Metadata]).toEqual(['text/plain', { session: 's-1' }]);
      const tail = await target().s3.send(
        new GetObjectCommand({ Bucket: target().bucket, Key: key('joined'), Range: 'bytes=-7' }),
      );
      expect(await tail.Body!.transformToString()).toBe('the end');
    });

    it('refuses to complete over an existing key with If-None-Match: * (412 PreconditionFailed)', async () => {
      await target().s3.send(new PutObjectCommand({ Bucket: target().bucket, Key: key('taken'), Body: 'first' }));
      const uploadId = await create('taken');
      const part = await upload('taken', uploadId, 1, Buffer.from('second'));
      await expect(complete('taken', uploadId, [part], '*')).rejects.toMatchObject({
        name: 'PreconditionFailed',
        $metadata: { httpStatusCode: 412 },
      });
    });
  });
}
