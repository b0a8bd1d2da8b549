import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { LOCAL_AWS_CREDENTIALS } from '@ha-uploads/config';
import { useTempDirectory } from '@ha-uploads/process/testing';
import { startS3Server, type S3ServerOptions } from '../s3-server';

describe('expiry of incomplete multipart uploads', () => {
  const directory = useTempDirectory('local-s3-sweep-', 'each');

  /** Runs `use` against a server on `directory`, then closes it. */
  async function withServer<T>(options: Partial<S3ServerOptions>, use: (s3: S3Client) => Promise<T>): Promise<T> {
    const server = await startS3Server({ host: '127.0.0.1', port: 0, directory: directory(), ...options });
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: LOCAL_AWS_CREDENTIALS,
    });
    try {
      return await use(s3);
    } finally {
      s3.destroy();
      await server.close();
    }
  }

  async function startUploadWithPart(s3: S3Client): Promise<string> {
    await s3.send(new CreateBucketCommand({ Bucket: 'sweep-bucket' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sweep-bucket', Key: 'k' }));
    await s3.send(new UploadPartCommand({ Bucket: 'sweep-bucket', Key: 'k', UploadId, PartNumber: 1, Body: 'part' }));
    return UploadId as string;
  }

  const listParts = (s3: S3Client, uploadId: string) =>
    s3.send(new ListPartsCommand({ Bucket: 'sweep-bucket', Key: 'k', UploadId: uploadId }));

  it('removes an upload older than the configured age, with its parts', async () => {
    // GIVEN an upload with a part, left by a server that is gone
    const uploadId = await withServer({}, startUploadWithPart);
    // WHEN a server with a 1 ms age limit starts on the same data
    // THEN the upload is gone, as the bucket's lifecycle rule makes it go on AWS
    await withServer({ incompleteUploadMaxAgeMs: 1 }, (s3) =>
      expect(listParts(s3, uploadId)).rejects.toMatchObject({ name: 'NoSuchUpload' }),
    );
  });

  it('keeps an upload younger than the configured age', async () => {
    const uploadId = await withServer({}, startUploadWithPart);
    const parts = await withServer({ incompleteUploadMaxAgeMs: 24 * 3600_000 }, (s3) => listParts(s3, uploadId));
    expect(parts.Parts?.map((p) => p.PartNumber)).toEqual([1]);
  });
});
