import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectTaggingCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { startLocalS3, type LocalS3 } from './local-s3.test-helper';

describe('object tagging on the local S3', () => {
  let local: LocalS3;

  beforeEach(async () => {
    local = await startLocalS3();
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: 'k', Body: 'body' }));
  });

  afterEach(async () => {
    await local.stop();
    expect(local.internalErrors).toEqual([]);
  });

  const tagsOf = async (key: string) =>
    (await local.s3.send(new GetObjectTaggingCommand({ Bucket: local.bucket, Key: key }))).TagSet;
  const putTags = (key: string, tags: Record<string, string>) =>
    local.s3.send(
      new PutObjectTaggingCommand({
        Bucket: local.bucket,
        Key: key,
        Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      }),
    );

  it('returns the tag set PutObjectTagging stored', async () => {
    await putTags('k', { team: 'a b', stage: '' });
    expect(await tagsOf('k')).toEqual([
      { Key: 'team', Value: 'a b' },
      { Key: 'stage', Value: '' },
    ]);
  });

  it('replaces the whole tag set on each PutObjectTagging', async () => {
    await putTags('k', { one: '1', two: '2' });
    await putTags('k', { three: '3' });
    expect(await tagsOf('k')).toEqual([{ Key: 'three', Value: '3' }]);
  });

  it('has an empty tag set after DeleteObjectTagging', async () => {
    await putTags('k', { one: '1' });
    await local.s3.send(new DeleteObjectTaggingCommand({ Bucket: local.bucket, Key: 'k' }));
    expect(await tagsOf('k')).toEqual([]);
  });

  it('stores the x-amz-tagging of a PutObject and counts it on HEAD', async () => {
    await local.s3.send(
      new PutObjectCommand({ Bucket: local.bucket, Key: 't', Body: 'x', Tagging: 'a=1&b=two%20words' }),
    );
    expect(await tagsOf('t')).toEqual([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: 'two words' },
    ]);
    const head = await local.s3.send(new HeadObjectCommand({ Bucket: local.bucket, Key: 't' }));
    expect(head.TagCount).toBe(2);
  });

  it('puts the x-amz-tagging of CreateMultipartUpload on the completed object', async () => {
    const { UploadId } = await local.s3.send(
      new CreateMultipartUploadCommand({ Bucket: local.bucket, Key: 'mp', Tagging: 'origin=upload' }),
    );
    const { ETag } = await local.s3.send(
      new UploadPartCommand({ Bucket: local.bucket, Key: 'mp', UploadId, PartNumber: 1, Body: 'part' }),
    );
    await local.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: local.bucket,
        Key: 'mp',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] },
      }),
    );
    expect(await tagsOf('mp')).toEqual([{ Key: 'origin', Value: 'upload' }]);
  });

  it('refuses more than 10 tags with 400 InvalidTag', async () => {
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v']));
    await expect(putTags('k', eleven)).rejects.toMatchObject({
      name: 'InvalidTag',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('refuses a key over 128 characters with InvalidTag', async () => {
    await expect(putTags('k', { ['k'.repeat(129)]: 'v' })).rejects.toMatchObject({ name: 'InvalidTag' });
  });

  it('refuses a value over 256 characters with InvalidTag', async () => {
    await expect(putTags('k', { k: 'v'.repeat(257) })).rejects.toMatchObject({ name: 'InvalidTag' });
  });

  it('refuses an invalid x-amz-tagging on PutObject with InvalidTag and stores nothing', async () => {
    const put = local.s3.send(
      new PutObjectCommand({ Bucket: local.bucket, Key: 'bad', Body: 'x', Tagging: 'aws:reserved=1' }),
    );
    await expect(put).rejects.toMatchObject({ name: 'InvalidTag' });
    await expect(local.s3.send(new HeadObjectCommand({ Bucket: local.bucket, Key: 'bad' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
  });

  it('answers tagging of a missing key with NoSuchKey', async () => {
    await expect(putTags('missing', { a: '1' })).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});
