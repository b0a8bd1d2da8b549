import type { Readable } from 'node:stream';
import { InvalidInputError, NotFoundError } from './errors';
import { decodeCursor, encodeCursor, parseLimit } from './cursor';
import { isFileId, newFileId, objectKeyFor } from './file-id';
import { normalizeContentType, normalizeFileName } from './file-name';
import type { CatalogEntry, FileRecord } from './file-record';
import type { BlobReadResult, BlobStore, FileCatalog } from './ports';

/** What FileService needs; clock and id generator are injectable for tests. */
export interface FileServiceOptions {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  /** Largest accepted body; BlobStore.put rejects past it. */
  readonly maxUploadBytes: number;
  /** @default - the system clock */
  readonly clock?: () => Date;
  /** @default - a new ULID */
  readonly newId?: () => string;
  /** Called when best-effort cleanup fails; the sweeper removes what is left. @default - ignored */
  readonly onCleanupError?: (err: unknown, id: string) => void;
}

/** One page of READY files, newest first. */
export interface FilePage {
  readonly files: FileRecord[];
  readonly nextCursor: string | null;
}

/** An opened download: the record and its (possibly ranged) body. */
export interface OpenedFile extends BlobReadResult {
  readonly record: FileRecord;
  /** The range served, when one was asked for. */
  readonly range?: ByteRange;
}

/** An inclusive byte range. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The upload rules, independent of HTTP and of the AWS SDK.
 * Malformed ids get 400 INVALID_FILE_ID (never a backend call); well-formed unknown ids get 404 FILE_NOT_FOUND.
 */
export class FileService {
  private readonly clock: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: FileServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? newFileId;
  }

  /**
   * Stores one file: PENDING record, streamed body (hashed by the store), then READY. On failure the error is
   * rethrown after a cleanup that never leaves a listed record without its body (see discard* below); what cleanup
   * cannot reach (a backend down) stays hidden until the sweeper removes it.
   */
  async upload(
    body: Readable,
    meta: { readonly name: string; readonly contentType?: string },
    uploadedBy: string,
    signal?: AbortSignal,
  ): Promise<FileRecord> {
    const { catalog, blobs, maxUploadBytes } = this.options;
    const name = normalizeFileName(meta.name);
    const contentType = normalizeContentType(meta.contentType);
    const id = this.newId();
    const objectKey = objectKeyFor(id);
    await catalog.putPending({ id, name, contentType, objectKey, uploadedBy, uploadedAt: this.clock().toISOString() });
    let stored;
    try {
      stored = await blobs.put(objectKey, body, { contentType, maxBytes: maxUploadBytes, signal });
    } catch (err) {
      await this.discardPending(id, objectKey);
      throw err;
    }
    try {
      return toFileRecord(await catalog.markReady(id, { size: stored.size, sha256: stored.sha256, contentType }));
    } catch (err) {
      await this.discardUnconfirmed(id, objectKey);
      throw err;
    }
  }

  /** Hides the file, deletes its object, then its record. A retry finishes an interrupted delete; 404 once gone. */
  async delete(id: string): Promise<void> {
    assertFileId(id);
    const entry = await this.options.catalog.markDeleting(id);
    if (!entry) throw new NotFoundError();
    await this.options.blobs.delete(entry.objectKey);
    await this.options.catalog.remove(id);
  }

  /** A page of READY files, newest first; `limit` and `cursor` come straight from the query string. */
  async list(query: { readonly limit?: unknown; readonly cursor?: unknown }): Promise<FilePage> {
    const limit = parseLimit(query.limit);
    const before = decodeCursor(query.cursor);
    const { records, hasMore } = await this.options.catalog.listReady({ limit, before });
    const last = records.at(-1);
    return { files: records.map(toFileRecord), nextCursor: hasMore && last ? encodeCursor(last.id) : null };
  }

  /** The READY file with this id. */
  async get(id: string): Promise<FileRecord> {
    return toFileRecord(await this.getReadyEntry(id));
  }

  /**
   * Opens a READY file's body: whole, or the inclusive byte range `chooseRange` picks once the size is known
   * from the record (it may throw, e.g. 416, before the object is opened).
   */
  async open(id: string, chooseRange?: (record: FileRecord) => ByteRange | undefined): Promise<OpenedFile> {
    const entry = await this.getReadyEntry(id);
    const record = toFileRecord(entry);
    const range = chooseRange?.(record);
    const blob = await this.options.blobs.get(entry.objectKey, range);
    return { ...blob, record, range };
  }

  private async getReadyEntry(id: string): Promise<CatalogEntry> {
    assertFileId(id);
    const entry = await this.options.catalog.get(id);
    if (!entry || entry.state !== 'READY') throw new NotFoundError();
    return entry;
  }

  /**
   * The body failed, so the record never left PENDING (hidden): delete the object, then the record, each best effort.
   * A record left behind stays hidden; an object left behind has no record: the sweeper takes either after the grace.
   */
  private async discardPending(id: string, objectKey: string): Promise<void> {
    for (const step of [() => this.options.blobs.delete(objectKey), () => this.options.catalog.remove(id)]) {
      try {
        await step();
      } catch (err) {
        this.options.onCleanupError?.(err, id);
      }
    }
  }

  /**
   * markReady failed, yet it may have landed (a lost answer): the record may be READY and listed. Hide it first,
   * then delete the object, then the record, stopping at the first failure, so a listed record never loses its body.
   */
  private async discardUnconfirmed(id: string, objectKey: string): Promise<void> {
    try {
      await this.options.catalog.markDeleting(id);
      await this.options.blobs.delete(objectKey);
      await this.options.catalog.remove(id);
    } catch (err) {
      this.options.onCleanupError?.(err, id);
    }
  }
}

function assertFileId(id: string): void {
  if (!isFileId(id)) throw new InvalidInputError('INVALID_FILE_ID', 'A file id is 26 characters of Crockford base32 (a ULID).');
}

/** The public FileRecord of a catalog entry (drops internal fields). */
export function toFileRecord(entry: FileRecord): FileRecord {
  const { id, name, size, contentType, sha256, uploadedAt, uploadedBy } = entry;
  return { id, name, size, contentType, sha256, uploadedAt, uploadedBy };
}
