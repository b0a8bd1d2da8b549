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
import { InvalidInputError, type FileChecksum, type MultipartStore, type SignedRequest, type StoredPart } from '@ha-uploads/files';
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
   * The store is s3rver: no ListParts, no AbortMultipartUpload, checksums and conditional headers ignored.
   * @default false
   */
  readonly localStandIn?: boolean;
  /**
   * How long a presigned URL stays valid.
   * @default 300
   */
  readonly signedUrlSeconds?: number;
}

/** S3 multipart uploads that clients feed through presigned URLs; on s3rver, listing and aborting degrade explicitly. */
export class S3MultipartStore implements MultipartStore {
  readonly listsParts: boolean;
  readonly aborts: boolean;
  private readonly s3: S3Client;
  private readonly presignS3: S3Client;
  private readonly bucket: string;
  private readonly expiresIn: number;
  private readonly partSigner: PartUrlSigner;

  constructor(props: S3MultipartStoreProps) {
    this.s3 = props.s3;
    this.presignS3 = props.presignS3 ?? props.s3;
    this.bucket = props.bucket;
    this.expiresIn = props.signedUrlSeconds ?? 300;
    this.partSigner = new PartUrlSigner({ s3: this.presignS3, bucket: this.bucket, expiresInSeconds: this.expiresIn });
    this.listsParts = !props.localStandIn;
    this.aborts = !props.localStandIn;
  }

  async create(key: string, options: { contentType: string; metadata?: Readonly<Record<string, string>> }): Promise<string> {
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

  signParts(key: string, uploadId: string, parts: readonly { partNumber: number; size: number; checksum: string }[]): Promise<SignedRequest[]> {
    return this.partSigner.sign(key, uploadId, parts);
  }

  async listParts(key: string, uploadId: string): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    let marker: string | undefined;
    do {
      const page = await callBackend('S3', () =>
        this.s3.send(new ListPartsCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker })),
      );
      for (const p of page.Parts ?? []) {
        if (p.PartNumber !== undefined && p.ETag) parts.push({ partNumber: p.PartNumber, etag: p.ETag, size: p.Size ?? 0, checksum: p.ChecksumSHA256 });
      }
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    return parts;
  }

  async complete(key: string, uploadId: string, parts: readonly { partNumber: number; etag: string; checksum: string }[]): Promise<void> {
    try {
      await this.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          // Never overwrite: a key exists only once (S3 answers 412; s3rver ignores it).
          IfNoneMatch: '*',
          MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag, ChecksumSHA256: p.checksum })) },
        }),
      );
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'InvalidPart' || name === 'InvalidPartOrder' || name === 'EntityTooSmall' || name === 'BadDigest' || name === 'InvalidRequest') {
        throw new InvalidInputError('PARTS_MISMATCH', 'the parts are not what S3 holds; ask for the status and send the parts it lacks');
      }
      if (name === 'NoSuchUpload') throw new InvalidInputError('PARTS_MISMATCH', 'S3 no longer holds this upload; start the upload again');
      throw toBackendError(err, 'S3');
    }
  }

  async head(key: string): Promise<{ size: number; checksum?: FileChecksum }> {
    const out = await callBackend('S3', () => this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key, ChecksumMode: 'ENABLED' })));
    const size = out.ContentLength ?? 0;
    if (!out.ChecksumSHA256) return { size };
    return { size, checksum: { algorithm: 'SHA256', value: out.ChecksumSHA256, type: out.ChecksumType === 'FULL_OBJECT' ? 'FULL_OBJECT' : 'COMPOSITE' } };
  }

  async abort(key: string, uploadId: string): Promise<void> {
    // s3rver has no AbortMultipartUpload; its parts stay on its disk (locally only), the caller deletes the key.
    if (!this.aborts) return;
    try {
      await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchUpload') return;
      throw toBackendError(err, 'S3');
    }
  }

  /** The origin presigned URLs name (the browser connects there: CSP connect-src). */
  async urlOrigin(): Promise<string> {
    return new URL(await this.signDownload('origin-probe', { contentDisposition: 'attachment', contentType: 'application/octet-stream' })).origin;
  }

  async signDownload(key: string, options: { contentDisposition: string; contentType: string }): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: options.contentDisposition,
      ResponseContentType: options.contentType,
    });
    return getSignedUrl(this.presignS3, command, { expiresIn: this.expiresIn });
  }
}
