import { createHash } from 'node:crypto';
import { InvalidInputError } from '../lib/errors';
import type { FileChecksum } from '../lib/direct/upload-session';
import type { MultipartStore, SignedRequest, StoredPart } from '../lib/direct/multipart-store';
import type { InMemoryBlobStore } from './in-memory-blob-store';
import { compositeChecksum } from '../lib/direct/part-checksum';

interface OpenUpload {
  readonly key: string;
  readonly contentType: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly parts: Map<number, { body: Buffer; etag: string; checksum: string }>;
}

/**
 * A MultipartStore over an InMemoryBlobStore, for unit tests: `putPart` plays the client's presigned PUT.
 * `listsParts`/`aborts` can be turned off to play a store without them (s3rver).
 */
export class InMemoryMultipartStore implements MultipartStore {
  readonly uploads = new Map<string, OpenUpload>();
  readonly checksums = new Map<string, FileChecksum>();
  /** How many batches were signed (a batch is one call, whatever its size). */
  signCalls = 0;
  private next = 0;

  constructor(
    private readonly blobs: InMemoryBlobStore,
    readonly listsParts = true,
    readonly aborts = true,
  ) {}

  async create(key: string, options: { contentType: string; metadata?: Readonly<Record<string, string>> }): Promise<string> {
    const uploadId = `upload-${++this.next}`;
    this.uploads.set(uploadId, { key, contentType: options.contentType, metadata: options.metadata, parts: new Map() });
    return uploadId;
  }

  async signParts(key: string, uploadId: string, parts: readonly { partNumber: number; size: number; checksum: string }[]): Promise<SignedRequest[]> {
    this.signCalls += 1;
    return parts.map((part) => ({
      url: `memory://${key}?uploadId=${uploadId}&partNumber=${part.partNumber}`,
      headers: { 'content-length': String(part.size), 'x-amz-checksum-sha256': part.checksum },
    }));
  }

  /** Stores a part as S3 would after a presigned PUT; resolves to its ETag. */
  putPart(uploadId: string, partNumber: number, body: Buffer): { etag: string; checksum: string } {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new Error(`no upload ${uploadId}`);
    const etag = `"${createHash('md5').update(body).digest('hex')}"`;
    const checksum = createHash('sha256').update(body).digest('base64');
    upload.parts.set(partNumber, { body, etag, checksum });
    return { etag, checksum };
  }

  async listParts(_key: string, uploadId: string): Promise<StoredPart[]> {
    const upload = this.uploads.get(uploadId);
    // As S3's ListParts: an upload completed or aborted is an error (NoSuchUpload), not an empty list.
    if (!upload) throw new Error(`NoSuchUpload: ${uploadId}`);
    return [...upload.parts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partNumber, p]) => ({ partNumber, etag: p.etag, size: p.body.length, checksum: p.checksum }));
  }

  async complete(key: string, uploadId: string, parts: readonly { partNumber: number; etag: string; checksum: string }[]): Promise<void> {
    const upload = this.uploads.get(uploadId);
    const held = parts.map((p) => upload?.parts.get(p.partNumber));
    if (!upload || held.some((h, i) => h?.etag !== parts[i].etag)) throw new InvalidInputError('PARTS_MISMATCH', 'a part is not stored as listed');
    const checksum: FileChecksum = { algorithm: 'SHA256', value: compositeChecksum(parts.map((p) => p.checksum)), type: 'COMPOSITE' };
    const body = Buffer.concat(held.map((h) => h?.body ?? Buffer.alloc(0)));
    this.blobs.objects.set(key, { body, contentType: upload.contentType, lastModified: new Date(), metadata: upload.metadata, checksum });
    this.checksums.set(key, checksum);
    this.uploads.delete(uploadId);
  }

  async head(key: string): Promise<{ size: number; checksum?: FileChecksum }> {
    const object = this.blobs.objects.get(key);
    // As S3's HeadObject: a missing key is an error, not an empty object.
    if (!object) throw new Error(`NotFound: ${key}`);
    return { size: object.body.length, checksum: this.checksums.get(key) };
  }

  async abort(_key: string, uploadId: string): Promise<void> {
    if (this.aborts) this.uploads.delete(uploadId);
  }

  async signDownload(key: string, options: { contentDisposition: string; contentType: string }): Promise<string> {
    return `memory://${key}?response-content-type=${encodeURIComponent(options.contentType)}`;
  }
}
