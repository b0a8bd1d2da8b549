import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  type BlobHead,
  type BlobPutOptions,
  type BlobReadResult,
  type BlobStore,
  NotFoundError,
  type StoredBlob,
} from '@ha-uploads/files';
import { callBackend, toBackendError } from './backend-errors';
import { DigestStream } from './digest-stream';

/** Settings of S3BlobStore. */
export interface S3BlobStoreProps {
  readonly s3: S3Client;
  readonly bucket: string;
  /** Multipart part size; also the most one upload buffers per queued part. */
  readonly partSizeBytes: number;
  /** Parts uploaded in parallel per upload. */
  readonly queueSize: number;
  /**
   * How long ping() waits for S3 before calling it down.
   * @default 2000
   */
  readonly pingTimeoutMs?: number;
}

/** File bodies in one S3 bucket, streamed both ways with SHA-256 computed on the fly. */
export class S3BlobStore implements BlobStore {
  private readonly s3: S3Client;
  private readonly bucket: string;

  constructor(private readonly props: S3BlobStoreProps) {
    this.s3 = props.s3;
    this.bucket = props.bucket;
  }

  async put(key: string, body: Readable, options: BlobPutOptions): Promise<StoredBlob> {
    const { signal } = options;
    signal?.throwIfAborted();
    const digest = new DigestStream(options.maxBytes);
    const upload = new Upload({
      client: this.s3,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: digest,
        ContentType: options.contentType,
        Metadata: options.metadata && { ...options.metadata },
      },
      partSize: this.props.partSizeBytes,
      queueSize: this.props.queueSize,
    });
    // Failing the body (not Upload.abort(), which returns before in-flight parts settle) makes done()
    // settle only once every request has, so the cleanup below cannot race a late PutObject.
    const onAbort = () => digest.destroy(abortReason(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    let uploadError: unknown;
    let uploadFailedFirst = false;
    const uploading = upload.done().catch((err: unknown) => {
      uploadError = err;
      uploadFailedFirst = !digest.destroyed;
      digest.destroy(err instanceof Error ? err : new Error(String(err)));
      throw err;
    });
    const [uploaded, piped] = await Promise.allSettled([uploading, pipeline(body, digest)]);
    signal?.removeEventListener('abort', onAbort);
    if (uploaded.status === 'fulfilled' && piped.status === 'fulfilled') {
      return { size: digest.bytes, sha256: digest.sha256(), etag: uploaded.value.ETag };
    }
    // A single PutObject may have landed before the failure showed: remove whatever exists.
    await this.delete(key).catch(() => undefined);
    throw failureCause({ digest, signal, piped, uploadError, uploadFailedFirst });
  }

  async get(key: string, range?: { start: number; end: number }): Promise<BlobReadResult> {
    try {
      const out = await this.s3.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return { body: out.Body as Readable, contentLength: out.ContentLength ?? 0, etag: out.ETag };
    } catch (err) {
      if (isNoSuchKey(err)) throw new NotFoundError();
      throw toBackendError(err, 'S3');
    }
  }

  async head(key: string): Promise<BlobHead | undefined> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key, ChecksumMode: 'ENABLED' }));
      const checksum = out.ChecksumSHA256
        ? {
            algorithm: 'SHA256' as const,
            value: out.ChecksumSHA256,
            type: out.ChecksumType === 'FULL_OBJECT' ? ('FULL_OBJECT' as const) : ('COMPOSITE' as const),
          }
        : undefined;
      return {
        size: out.ContentLength ?? 0,
        lastModified: out.LastModified ?? new Date(0),
        metadata: out.Metadata ?? {},
        ...(checksum && { checksum }),
      };
    } catch (err) {
      if (isNoSuchKey(err)) return undefined;
      throw toBackendError(err, 'S3');
    }
  }

  async delete(key: string): Promise<void> {
    await callBackend('S3', () => this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }

  async *list(
    options: { readonly startAfter?: string; readonly prefix?: string } = {},
  ): AsyncIterable<{ key: string; lastModified: Date }> {
    let token: string | undefined;
    do {
      // S3's default page (1000 keys) is what the sweeper wants.
      const page = await callBackend('S3', () =>
        this.s3.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: options.prefix,
            ContinuationToken: token,
            StartAfter: token ? undefined : options.startAfter,
          }),
        ),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) yield { key: object.Key, lastModified: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async ping(): Promise<void> {
    const abortSignal = AbortSignal.timeout(this.props.pingTimeoutMs ?? 2_000);
    await callBackend('S3', async () => {
      try {
        await this.s3.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal });
      } catch (err) {
        // An aborted ping is a backend that did not answer in time.
        if (abortSignal.aborted)
          throw Object.assign(new Error('S3 ping timed out'), { name: 'TimeoutError', cause: err });
        throw err;
      }
    });
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : Object.assign(new Error('The upload was aborted.'), { name: 'AbortError' });
}

/** Picks the error that explains a failed put: the body's own failure beats the S3 echo of it. */
function failureCause(failure: {
  digest: DigestStream;
  signal?: AbortSignal;
  piped: PromiseSettledResult<void>;
  uploadError: unknown;
  uploadFailedFirst: boolean;
}): unknown {
  const { digest, signal, piped } = failure;
  if (digest.tooLarge && piped.status === 'rejected') return piped.reason;
  if (signal?.aborted) return abortReason(signal);
  if (!failure.uploadFailedFirst && piped.status === 'rejected') return piped.reason;
  return toBackendError(failure.uploadError, 'S3');
}

function isNoSuchKey(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
