import { Readable } from 'node:stream';
import { mayManage, type Actor } from './actor';
import { ConflictError, InvalidInputError, NotFoundError, NotOwnerError } from './errors';
import { decodeCursor, decodeTrashCursor, encodeCursor, encodeTrashCursor, parseLimit } from './cursor';
import { isFileId, newFileId, objectKeyFor } from './file-id';
import { normalizeContentType, normalizeFileName } from './file-name';
import type { CatalogEntry, FileRecord, ListedFile, TrashedFile } from './file-record';
import { EVERY_OWNER, type BlobReadResult, type BlobStore, type FileCatalog } from './ports';
import { encodeRecordMetadata } from './recovery/record-metadata';
import { ScanRules, type MalwareScanOptions } from './scan/scan-rules';
import { deleteStoredObjects, encodeTrashMarker, trashMarkerKey } from './recovery/trash-marker';

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
  /** How long a deleted file stays restorable; the sweeper removes it after. @default 86400 (24 hours) */
  readonly trashRetentionSeconds?: number;
  /** Malware scanning: new files wait for a verdict before others may download them. @default - off: clean at once */
  readonly malwareScan?: MalwareScanOptions;
}

/** A page request as the query string gives it (each at most once, checked at the HTTP edge): text, parsed here. */
export interface PageQuery {
  /** @default - PAGE_LIMITS.default */
  readonly limit?: string;
  /** @default - the first page */
  readonly cursor?: string;
}

/** One page of READY files, newest first. */
export interface FilePage {
  readonly files: ListedFile[];
  readonly nextCursor: string | null;
}

/** One page of "Recently deleted", newest delete first. */
export interface TrashPage {
  readonly files: TrashedFile[];
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
  private readonly retentionMs: number;
  /** Who may see and download a file while it is scanned and after. */
  readonly scanRules: ScanRules;

  constructor(private readonly options: FileServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? newFileId;
    this.retentionMs = (options.trashRetentionSeconds ?? 86_400) * 1000;
    this.scanRules = new ScanRules(options.malwareScan, options.catalog, this.clock);
  }

  /**
   * Stores one file: PENDING record, streamed body (hashed by the store), then READY. On failure the error is
   * rethrown after a cleanup that never leaves a listed record without its body (see discard* below); what cleanup
   * cannot reach (a backend down) stays hidden until the sweeper removes it.
   */
  async upload(
    body: Readable,
    meta: { readonly name: string; readonly contentType?: string; readonly ownerId?: string },
    uploadedBy: string,
    signal?: AbortSignal,
  ): Promise<FileRecord> {
    const { catalog, blobs, maxUploadBytes } = this.options;
    const name = normalizeFileName(meta.name);
    const contentType = normalizeContentType(meta.contentType);
    const id = this.newId();
    const objectKey = objectKeyFor(id);
    const owner = meta.ownerId === undefined ? {} : { ownerId: meta.ownerId };
    const record = { id, name, contentType, uploadedBy, uploadedAt: this.clock().toISOString(), ...owner };
    const scan = this.scanRules.initialScan();
    await catalog.putPending({ ...record, objectKey, ...(scan && { scan }) });
    // The object carries its record, so a lost or restored catalog can be rebuilt from the bucket.
    const metadata = encodeRecordMetadata({ ...record, source: 'app' });
    let stored;
    try {
      stored = await blobs.put(objectKey, body, { contentType, maxBytes: maxUploadBytes, signal, metadata });
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

  /**
   * A person's delete: only the owner or an admin (else NotOwnerError, nothing changes). The file leaves the listing
   * at once for every instance and stays restorable for the retention period. A retry of a delete succeeds.
   */
  async delete(id: string, actor: Actor): Promise<void> {
    await this.getManagedEntry(id, actor, ['READY', 'TRASHED']);
    // Also for an entry already TRASHED: a retry completes what an interrupted delete left undone.
    const trashed = await this.options.catalog.markTrashed(id);
    if (!trashed) throw new NotFoundError();
    // Then the bucket remembers the delete too, so a rebuilt catalog has the same trash.
    await this.options.blobs.put(trashMarkerKey(id), Readable.from([]), {
      contentType: 'application/octet-stream',
      maxBytes: 0,
      metadata: encodeTrashMarker({ id, deletedAt: trashed.deletedAt ?? trashed.updatedAt }),
    });
  }

  /** Brings a deleted file back with the same id, name and body; only its owner or an admin, within the retention. */
  async restore(id: string, actor: Actor): Promise<FileRecord> {
    const entry = await this.getManagedEntry(id, actor, ['TRASHED', 'READY']);
    if (entry.state === 'TRASHED' && this.isExpired(entry))
      throw new NotFoundError('That file was deleted too long ago to restore.', 'RESTORE_EXPIRED');
    // The marker first: a crash in between leaves it deleted in the catalog, never marked deleted only in the bucket.
    await this.options.blobs.delete(trashMarkerKey(id));
    const restored = await this.options.catalog.markRestored(id);
    if (!restored) throw new NotFoundError();
    return toFileRecord(restored);
  }

  /** "Delete forever": a listed or deleted file, by its owner or an admin; the body and record go now. */
  async purge(id: string, actor: Actor): Promise<void> {
    const entry = await this.getManagedEntry(id, actor, ['READY', 'TRASHED']);
    // Claimed only if unchanged since read, so a concurrent restore or delete is never overtaken half-way.
    const claimed = await this.options.catalog.markDeleting(id, { state: entry.state, updatedAt: entry.updatedAt });
    if (!claimed) throw new NotFoundError();
    await deleteStoredObjects(this.options.blobs, claimed);
    await this.options.catalog.remove(id);
  }

  /** An admin's purge of a file its scan quarantined (infected, or unscannable and blocked): body and record go now. */
  async purgeQuarantined(id: string, actor: Actor): Promise<void> {
    const entry = await this.getManagedEntry(id, actor, ['READY', 'TRASHED']);
    if (!actor.isAdmin) throw new NotOwnerError('Only an admin can purge a quarantined file.', 'NOT_ADMIN');
    if (!this.scanRules.isQuarantined(entry))
      throw new ConflictError('Its scan did not quarantine this file; use purge.', 'NOT_QUARANTINED');
    await this.purge(id, actor);
  }

  /**
   * Removes a file the same request just stored (rollback of a failed multi-file upload): hides it, deletes its
   * object, then its record. A retry finishes an interrupted discard; 404 once gone.
   */
  async discard(id: string): Promise<void> {
    assertFileId(id);
    const entry = await this.options.catalog.markDeleting(id);
    if (!entry) throw new NotFoundError();
    await deleteStoredObjects(this.options.blobs, entry);
    await this.options.catalog.remove(id);
  }

  /**
   * A page of "Recently deleted" for `actor`: their own deleted files, or everyone's for an admin; newest delete
   * first. `limit` and `cursor` are the query string's text, checked here.
   */
  async listTrash(actor: Actor, query: PageQuery = {}): Promise<TrashPage> {
    const limit = parseLimit(query.limit);
    const before = decodeTrashCursor(query.cursor);
    if (!actor.isAdmin && actor.ownerId === undefined) return { files: [], nextCursor: null };
    const owner = actor.isAdmin ? EVERY_OWNER : (actor.ownerId as string);
    // One past the page tells whether another page exists.
    const entries = await this.options.catalog.listTrash({ owner, limit: limit + 1, before });
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    const files = page
      .filter((entry) => !this.isExpired(entry))
      .map((entry) => ({
        ...toListedFile(entry),
        deletedAt: entry.deletedAt ?? entry.updatedAt,
        restorableUntil: this.restorableUntil(entry),
      }));
    const next =
      entries.length > limit && last ? { deletedAt: last.deletedAt ?? last.updatedAt, id: last.id } : undefined;
    return { files, nextCursor: next ? encodeTrashCursor(next) : null };
  }

  /**
   * A page of READY files `actor` may see, newest first (a quarantined file only to its owner and admins, so a page
   * may hold fewer than `limit`); `limit` and `cursor` are the query string's text, checked here.
   */
  async list(query: PageQuery, actor: Actor): Promise<FilePage> {
    const limit = parseLimit(query.limit);
    const before = decodeCursor(query.cursor);
    const { records, hasMore } = await this.options.catalog.listReady({ limit, before });
    const last = records.at(-1);
    const files = records.filter((file) => this.scanRules.isVisible(actor, file)).map(toListedFile);
    return { files, nextCursor: hasMore && last ? encodeCursor(last.id) : null };
  }

  /**
   * The READY file with this id, if `actor` may see it. Its owner (or an admin) asking about a file pending past the
   * grace has its verdict read from the object's tag first.
   */
  async get(id: string, actor: Actor): Promise<ListedFile> {
    const seen = await this.getReadyEntry(id);
    const entry = mayManage(actor, seen) ? await this.scanRules.refreshed(seen) : seen;
    this.scanRules.assertVisible(actor, entry);
    return toListedFile(entry);
  }

  /** The READY file with this id, if `actor` may download it now (see ScanRules.assertDownloadable). */
  async getDownloadable(id: string, actor: Actor): Promise<FileRecord> {
    const entry = await this.getReadyEntry(id);
    this.scanRules.assertDownloadable(actor, entry);
    return toFileRecord(entry);
  }

  /**
   * Opens a READY file's body for `actor` (if they may download it): whole, or the inclusive byte range
   * `chooseRange` picks once the size is known from the record (it may throw, e.g. 416, before the object is opened).
   */
  async open(
    id: string,
    actor: Actor,
    chooseRange?: (record: FileRecord) => ByteRange | undefined,
  ): Promise<OpenedFile> {
    const entry = await this.getReadyEntry(id);
    this.scanRules.assertDownloadable(actor, entry);
    const record = toFileRecord(entry);
    const range = chooseRange?.(record);
    const blob = await this.options.blobs.get(entry.objectKey, range);
    return { ...blob, record, range };
  }

  private async getManagedEntry(
    id: string,
    actor: Actor,
    states: readonly CatalogEntry['state'][],
  ): Promise<CatalogEntry> {
    assertFileId(id);
    const entry = await this.options.catalog.get(id);
    if (!entry || !states.includes(entry.state)) throw new NotFoundError();
    if (!mayManage(actor, entry)) throw new NotOwnerError();
    return entry;
  }

  private restorableUntil(entry: CatalogEntry): string {
    return new Date(Date.parse(entry.deletedAt ?? entry.updatedAt) + this.retentionMs).toISOString();
  }

  private isExpired(entry: CatalogEntry): boolean {
    return Date.parse(this.restorableUntil(entry)) <= this.clock().getTime();
  }

  private async getReadyEntry(id: string): Promise<CatalogEntry> {
    assertFileId(id);
    const entry = await this.options.catalog.get(id);
    if (!entry || entry.state !== 'READY') throw new NotFoundError();
    return entry;
  }

  /**
   * The body failed, so the record never left PENDING (hidden): delete the object, then the record, stopping at the
   * first failure. The hidden PENDING record is the leftover's mark: the sweeper removes it and any object after the
   * grace, and never deletes an object that has no record.
   */
  private async discardPending(id: string, objectKey: string): Promise<void> {
    try {
      await this.options.blobs.delete(objectKey);
      await this.options.catalog.remove(id);
    } catch (err) {
      this.options.onCleanupError?.(err, id);
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
  if (!isFileId(id))
    throw new InvalidInputError('INVALID_FILE_ID', 'A file id is 26 characters of Crockford base32 (a ULID).');
}

/** A listed file of a catalog entry: the public record and its owner. */
export function toListedFile(entry: ListedFile): ListedFile {
  return entry.ownerId === undefined ? toFileRecord(entry) : { ...toFileRecord(entry), ownerId: entry.ownerId };
}

/** The public FileRecord of a catalog entry (drops internal fields). */
export function toFileRecord(entry: FileRecord): FileRecord {
  const { id, name, size, contentType, sha256, uploadedAt, uploadedBy, checksum, scan, scanDetail } = entry;
  const record = { id, name, size, contentType, sha256, uploadedAt, uploadedBy };
  return {
    ...record,
    ...(checksum !== undefined && { checksum }),
    ...(scan !== undefined && { scan }),
    ...(scanDetail !== undefined && { scanDetail }),
  };
}
