import { createHash } from 'node:crypto';
import type { FileChecksum } from '../lib/direct/upload-session';
import type { MultipartStore, PartToJoin, PartToSign, SignedRequest, StoredPart } from '../lib/direct/multipart-store';
import { multipartErrors } from '../lib/direct/multipart-errors';
import { compositeChecksum } from '../lib/direct/part-checksum';
import type { InMemoryBlobStore } from './in-memory-blob-store';
import { InMemoryUrlSigner, s3Error } from './in-memory-url-signer';

/** S3's smallest part, except the last one of an upload (EntityTooSmall). */
const MIN_PART_BYTES = 5 * 1024 * 1024;

interface HeldPart {
  readonly body: Buffer;
  readonly etag: string;
  readonly checksum: string;
}

interface OpenUpload {
  readonly key: string;
  readonly contentType: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly parts: Map<number, HeldPart>;
}

/** Settings of InMemoryMultipartStore. */
export interface InMemoryMultipartStoreProps {
  /** @default - the system clock */
  readonly clock?: () => Date;
  /** @default 300 */
  readonly signedUrlSeconds?: number;
  /** Most parts one ListParts page holds. @default 1000 */
  readonly listPageSize?: number;
}

/**
 * A MultipartStore over an InMemoryBlobStore that behaves as S3 does, for unit tests and the port's contract: its
 * signed URLs are checked by `fetch` (signature, expiry, length, checksum), ListParts answers what is held, abort
 * frees the parts, and complete checks every part and never overwrites a key.
 */
export class InMemoryMultipartStore implements MultipartStore {
  readonly uploads = new Map<string, OpenUpload>();
  readonly checksums = new Map<string, FileChecksum>();
  /** How many batches were signed (a batch is one call, whatever its size). */
  signCalls = 0;
  private next = 0;
  private readonly signer: InMemoryUrlSigner;
  private readonly listPageSize: number;

  constructor(
    private readonly blobs: InMemoryBlobStore,
    props: InMemoryMultipartStoreProps = {},
  ) {
    this.signer = new InMemoryUrlSigner(props.clock ?? (() => new Date()), props.signedUrlSeconds ?? 300);
    this.listPageSize = props.listPageSize ?? 1000;
  }

  async create(
    key: string,
    options: { contentType: string; metadata?: Readonly<Record<string, string>> },
  ): Promise<string> {
    const uploadId = `upload-${++this.next}`;
    this.uploads.set(uploadId, { key, contentType: options.contentType, metadata: options.metadata, parts: new Map() });
    return uploadId;
  }

  async signParts(key: string, uploadId: string, parts: readonly PartToSign[]): Promise<SignedRequest[]> {
    this.signCalls += 1;
    return parts.map((part) => {
      const query = { uploadId, partNumber: String(part.partNumber) };
      const headers = { 'x-amz-checksum-sha256': part.checksum };
      return { url: this.signer.sign('PUT', key, query, { ...headers, 'content-length': String(part.size) }), headers };
    });
  }

  /** Stores a part as S3 would after a presigned PUT, skipping the URL; resolves to its ETag and checksum. */
  putPart(uploadId: string, partNumber: number, body: Buffer): { etag: string; checksum: string } {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw multipartErrors.noSuchUpload();
    const held = { body, etag: `"${createHash('md5').update(body).digest('hex')}"`, checksum: sha256(body) };
    upload.parts.set(partNumber, held);
    return { etag: held.etag, checksum: held.checksum };
  }

  /** Answers a request to one of this store's signed URLs as S3 would answer it (the client's `fetch`). */
  async fetch(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: ConstructorParameters<typeof Response>[0] } = {},
  ): Promise<Response> {
    const method = init.method ?? 'GET';
    const body = init.body === undefined ? Buffer.alloc(0) : Buffer.from(await new Response(init.body).arrayBuffer());
    const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const refused = this.signer.verify(
      method,
      url,
      method === 'PUT' ? { ...headers, 'content-length': String(body.length) } : {},
    );
    if (refused) return refused;
    const { key, query } = this.signer.parse(url);
    if (method === 'GET') return this.download(key, query);
    const upload = this.uploads.get(query.get('uploadId') ?? '');
    if (method !== 'PUT' || !upload || upload.key !== key)
      return s3Error(404, 'NoSuchUpload', 'The specified upload does not exist.');
    if (headers['x-amz-checksum-sha256'] !== sha256(body))
      return s3Error(400, 'BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
    const part = this.putPart(query.get('uploadId') ?? '', Number(query.get('partNumber')), body);
    return new Response(null, { status: 200, headers: { ETag: part.etag, 'x-amz-checksum-sha256': part.checksum } });
  }

  async listParts(_key: string, uploadId: string): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    for (let marker = 0; marker >= 0;) {
      const page = this.listPage(uploadId, marker);
      parts.push(...page.parts);
      marker = page.nextMarker ?? -1;
    }
    return parts;
  }

  async complete(key: string, uploadId: string, parts: readonly PartToJoin[]): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.key !== key) throw multipartErrors.partsMismatch();
    if (this.blobs.objects.has(key)) throw multipartErrors.objectExists();
    const held = parts.map((p, i) => {
      const part = upload.parts.get(p.partNumber);
      const ordered = i === 0 || p.partNumber > parts[i - 1].partNumber;
      const bigEnough = i === parts.length - 1 || (part?.body.length ?? 0) >= MIN_PART_BYTES;
      if (!part || !ordered || !bigEnough || part.etag !== p.etag || part.checksum !== p.checksum)
        throw multipartErrors.partsMismatch();
      return part;
    });
    if (held.length === 0) throw multipartErrors.partsMismatch();
    const checksum: FileChecksum = {
      algorithm: 'SHA256',
      value: compositeChecksum(held.map((h) => h.checksum)),
      type: 'COMPOSITE',
    };
    this.blobs.objects.set(key, {
      body: Buffer.concat(held.map((h) => h.body)),
      contentType: upload.contentType,
      lastModified: new Date(),
      metadata: upload.metadata,
      checksum,
    });
    this.checksums.set(key, checksum);
    this.uploads.delete(uploadId);
  }

  async head(key: string): Promise<{ size: number; checksum?: FileChecksum }> {
    const object = this.blobs.objects.get(key);
    if (!object) throw multipartErrors.noSuchObject();
    return { size: object.body.length, checksum: this.checksums.get(key) };
  }

  async abort(_key: string, uploadId: string): Promise<void> {
    this.uploads.delete(uploadId);
  }

  async signDownload(key: string, options: { contentDisposition: string; contentType: string }): Promise<string> {
    return this.signer.sign(
      'GET',
      key,
      { 'response-content-disposition': options.contentDisposition, 'response-content-type': options.contentType },
      {},
    );
  }

  /** One page of ListParts: the parts after `marker`, and the marker of the next page when there is one. */
  private listPage(uploadId: string, marker: number): { parts: StoredPart[]; nextMarker?: number } {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw multipartErrors.noSuchUpload();
    const after = [...upload.parts.entries()].filter(([n]) => n > marker).sort(([a], [b]) => a - b);
    const page = after
      .slice(0, this.listPageSize)
      .map(([partNumber, p]) => ({ partNumber, etag: p.etag, size: p.body.length, checksum: p.checksum }));
    return { parts: page, nextMarker: after.length > page.length ? page[page.length - 1].partNumber : undefined };
  }

  private download(key: string, query: URLSearchParams): Response {
    const object = this.blobs.objects.get(key);
    if (!object) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    const headers = {
      'content-type': query.get('response-content-type') ?? object.contentType,
      'content-disposition': query.get('response-content-disposition') ?? '',
    };
    return new Response(object.body, { status: 200, headers });
  }
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64');
}
