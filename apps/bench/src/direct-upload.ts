import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { BenchContext } from './bench-context';
import { randomBytesStream } from './random-stream';

/** One upload straight to S3 with @aws-sdk/lib-storage, the baseline the webapp is compared with. */
export interface DirectUploadOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly seed?: number;
  readonly partSizeBytes: number;
  readonly queueSize: number;
}

/** Uploads `size` pseudo-random bytes to S3 and returns the elapsed milliseconds. */
export async function uploadDirect(options: DirectUploadOptions): Promise<number> {
  const started = performance.now();
  await new Upload({
    client: options.s3,
    params: {
      Bucket: options.bucket,
      Key: options.key,
      Body: randomBytesStream(options.size, options.seed),
      ContentType: 'application/octet-stream',
    },
    partSize: options.partSizeBytes,
    queueSize: options.queueSize,
  }).done();
  return performance.now() - started;
}

/** Removes a baseline object so a 1 GiB run does not fill the disk. */
export async function removeDirectObject(s3: S3Client, bucket: string, key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

/** Times one baseline upload of `size` bytes to `key` with the bench's S3 settings, then removes the object. */
export async function timeBaselineUpload(ctx: BenchContext, key: string, size: number, seed: number): Promise<number> {
  const { s3 } = ctx.clients;
  const ms = await uploadDirect({
    s3,
    bucket: ctx.bucket,
    key,
    size,
    seed,
    partSizeBytes: ctx.partSizeBytes,
    queueSize: ctx.queueSize,
  });
  await removeDirectObject(s3, ctx.bucket, key);
  return ms;
}
