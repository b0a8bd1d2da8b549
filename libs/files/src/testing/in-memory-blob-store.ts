import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { BackendUnavailableError, NotFoundError, FileTooLargeError } from '../lib/errors';
import type { FileChecksum } from '../lib/direct/upload-session';
import type { BlobHead, BlobPutOptions, BlobReadResult, BlobStore, StoredBlob } from '../lib/ports';

interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly lastModified: Date;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly checksum?: FileChecksum;
}

/** A BlobStore in a Map, for unit tests. `down = true` makes every call fail like an unreachable S3. */
export class InMemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, StoredObject>();
  down = false;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async put(key: string, body: Readable, options: BlobPutOptions): Promise<StoredBlob> {
    this.check();
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      options.signal?.throwIfAborted();
      size += chunk.length;
      // Keep reading nothing more once over the limit, as the real store must not keep a partial object.
      if (size > options.maxBytes) {
        body.destroy();
        throw new FileTooLargeError(options.maxBytes);
      }
      hash.update(chunk);
      chunks.push(chunk);
    }
    options.signal?.throwIfAborted();
    this.check();
    this.objects.set(key, {
      body: Buffer.concat(chunks),
      contentType: options.contentType,
      lastModified: this.clock(),
      metadata: options.metadata,
    });
    return { size, sha256: hash.digest('hex') };
  }

  async get(key: string, range?: { start: number; end: number }): Promise<BlobReadResult> {
    this.check();
    const object = this.objects.get(key);
    if (!object) throw new NotFoundError();
    const bytes = range ? object.body.subarray(range.start, range.end + 1) : object.body;
    return { body: Readable.from([bytes]), contentLength: bytes.length };
  }

  async head(key: string): Promise<BlobHead | undefined> {
    this.check();
    const object = this.objects.get(key);
    return (
      object && {
        size: object.body.length,
        lastModified: object.lastModified,
        metadata: { ...object.metadata },
        ...(object.checksum && { checksum: object.checksum }),
      }
    );
  }

  async delete(key: string): Promise<void> {
    this.check();
    this.objects.delete(key);
  }

  async *list(
    options: { readonly startAfter?: string; readonly prefix?: string } = {},
  ): AsyncIterable<{ key: string; lastModified: Date }> {
    this.check();
    const keys = [...this.objects.keys()]
      .filter(
        (key) => (options.startAfter === undefined || key > options.startAfter) && key.startsWith(options.prefix ?? ''),
      )
      .sort();
    for (const key of keys) {
      const object = this.objects.get(key);
      if (object) yield { key, lastModified: object.lastModified };
    }
  }

  async ping(): Promise<void> {
    this.check();
  }

  private check(): void {
    if (this.down) throw new BackendUnavailableError('S3');
  }
}
