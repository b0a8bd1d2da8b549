import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  multipartErrors,
  type FileChecksum,
  type MultipartStore,
  type PartToJoin,
  type PartToSign,
  type SignedRequest,
  type StoredPart,
} from '@ha-uploads/files';
import { callBackend, toBackendError } from './backend-errors';
import { PartUrlSigner } from './part-url-signer';

/** Settings of S3MultipartStore. */
export interface S3MultipartStoreProps {
  /** Sends the multipart calls. */
  readonly s3: S3Client;
  /**
   * Signs the URLs the browser uses; its endpoint is the one the browser reaches.
   * @default - `s3`
   */
  readonly presignS3?: S3Client;
  readonly bucket: string;
  /**
   * How long a presigned URL stays valid.
   * @default 300
   */
  readonly signedUrlSeconds?: number;
  /**
   * The time presigned URLs are signed at.
   * @default - the system clock
   */
  readonly clock?: () => Date;
  /**
   * Most parts one ListParts page asks for (S3's own limit is 1000).
   * @default 1000
   */
  readonly listPageSize?: number;
}

/** Complete's refusals that mean the parts named are not the parts S3 holds. */
const PARTS_MISMATCH_ERRORS = new Set([
  'InvalidPart',
  'InvalidPartOrder',
  'EntityTooSmall',
  'BadDigest',
  'InvalidRequest',
  'NoSuchUpload',
]);
/** Complete's refusals that mean the key is taken (If-None-Match: *), or another conditional write got there first. */
const OBJECT_EXISTS_ERRORS = new Set(['PreconditionFailed', 'ConditionalRequestConflict']);

/** S3 multipart uploads that clients feed through presigned URLs. */
export class S3MultipartStore implements MultipartStore {
  private readonly s3: S3Client;
  private readonly presignS3: S3Client;
  private readonly bucket: string;
  private readonly expiresIn: number;
  private readonly partSigner: PartUrlSigner;
  private readonly clock: () => Date;
  private readonly listPageSize: number;

  constructor(props: S3MultipartStoreProps) {
    this.s3 = props.s3;
    this.presignS3 = props.presignS3 ?? props.s3;
    this.bucket = props.bucket;
    this.expiresIn = props.signedUrlSeconds ?? 300;
    this.clock = props.clock ?? (() => new Date());
    this.listPageSize = props.listPageSize ?? 1000;
    this.partSigner = new PartUrlSigner({
      s3: this.presignS3,
      bucket: this.bucket,
      expiresInSeconds: this.expiresIn,
      clock: this.clock,
    });
  }

  async create(
    key: string,
    options: { contentType: string; metadata?: Readonly<Record<string, string>> },
  ): Promise<string> {
    const out = await callBackend('S3', () =>
      this.s3.send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          ContentType: options.contentType,
          Metadata: options.metadata && { ...options.metadata },
          ChecksumAlgorithm: 'SHA256',
          ChecksumType: 'COMPOSITE',
        }),
      ),
    );
    if (!out.UploadId) throw toBackendError(new Error('CreateMultipartUpload returned no UploadId'), 'S3');
    return out.UploadId;
  }

  signParts(key: string, uploadId: string, parts: readonly PartToSign[]): Promise<SignedRequest[]> {
    return this.partSigner.sign(key, uploadId, parts);
  }

  async listParts(key: string, uploadId: string): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    let marker: string | undefined;
    do {
      const page = await this.s3
        .send(
          new ListPartsCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            PartNumberMarker: marker,
            MaxParts: this.listPageSize,
          }),
        )
        .catch((err: unknown) => {
          throw errorName(err) === 'NoSuchUpload' ? multipartErrors.noSuchUpload() : toBackendError(err, 'S3');
        });
      // Every part was signed with its SHA-256, so S3 lists each with it.
      for (const p of page.Parts ?? []) {
        if (p.PartNumber !== undefined && p.ETag && p.ChecksumSHA256)
          parts.push({ partNumber: p.PartNumber, etag: p.ETag, size: p.Size ?? 0, checksum: p.ChecksumSHA256 });
      }
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    return parts;
  }

  async complete(key: string, uploadId: string, parts: readonly PartToJoin[]): Promise<void> {
    try {
      await this.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          // Never overwrite: a key exists only once (S3 answers 412).
          IfNoneMatch: '*',
          MultipartUpload: {
            Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag, ChecksumSHA256: p.checksum })),
          },
        }),
      );
    } catch (err) {
      const name = errorName(err);
      if (PARTS_MISMATCH_ERRORS.has(name)) throw multipartErrors.partsMismatch();
      if (OBJECT_EXISTS_ERRORS.has(name)) throw multipartErrors.objectExists();
      throw toBackendError(err, 'S3');
    }
  }

  async head(key: string): Promise<{ size: number; checksum?: FileChecksum }> {
    const out = await this.s3
      .send(new HeadObjectCommand({ Bucket: this.bucket, Key: key, ChecksumMode: 'ENABLED' }))
      .catch((err: unknown) => {
        throw errorName(err) === 'NotFound' ? multipartErrors.noSuchObject() : toBackendError(err, 'S3');
      });
    const size = out.ContentLength ?? 0;
    if (!out.ChecksumSHA256) return { size };
    return {
      size,
      checksum: {
        algorithm: 'SHA256',
        value: out.ChecksumSHA256,
        type: out.ChecksumType === 'FULL_OBJECT' ? 'FULL_OBJECT' : 'COMPOSITE',
      },
    };
  }

  async abort(key: string, uploadId: string): Promise<void> {
    try {
      await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch (err) {
      if (errorName(err) === 'NoSuchUpload') return;
      throw toBackendError(err, 'S3');
    }
  }

  /** The origin presigned URLs name (the browser connects there: CSP connect-src). */
  async urlOrigin(): Promise<string> {
    return new URL(
      await this.signDownload('origin-probe', {
        contentDisposition: 'attachment',
        contentType: 'application/octet-stream',
      }),
    ).origin;
  }

  async signDownload(key: string, options: { contentDisposition: string; contentType: string }): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: options.contentDisposition,
      ResponseContentType: options.contentType,
    });
    return getSignedUrl(this.presignS3, command, { expiresIn: this.expiresIn, signingDate: this.clock() });
  }
}

function errorName(err: unknown): string {
  return (err as { name?: string }).name ?? '';
}
