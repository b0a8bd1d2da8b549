import type { Readable } from 'node:stream';
import type { FileChecksum } from './direct/upload-session';
import type { CatalogEntry, FileState, ListedFile } from './file-record';
import type { RecordScanOutcome, ScanVerdict } from './scan/scan-state';

/** What a stored body tells the catalog when its entry turns READY. */
export interface ReadyFacts {
  size: number;
  sha256: string;
  contentType: string;
  checksum?: FileChecksum;
}

/** File metadata in DynamoDB. Every read is strongly consistent, so any instance sees a write at once. */
export interface FileCatalog {
  /**
   * Records a new PENDING entry; fails with ConflictError if the id exists. Idempotent: when a retried write finds
   * its own earlier attempt (same object key and upload time, still PENDING) it succeeds.
   */
  putPending(entry: Omit<CatalogEntry, 'state' | 'size' | 'sha256' | 'updatedAt' | 'deletedAt'>): Promise<void>;
  /**
   * PENDING -> READY with size and digest; fails with ConflictError unless the entry is PENDING. Idempotent: an entry
   * already READY with the same size and digest (a retried write whose first attempt landed) is returned as is.
   */
  markReady(id: string, result: ReadyFacts): Promise<CatalogEntry>;
  /**
   * Takes a PENDING session for one complete or abort call until `claim.until`, and answers the entry as claimed;
   * undefined, with nothing written, when there is no such session, another call holds it (its `completingUntil` is
   * not past `now`), or it does not meet `expected`: it is `ownerId`'s, and, with `createdAfter`, was created after
   * it (not expired).
   */
  claimSessionCompletion(
    id: string,
    claim: { readonly now: string; readonly until: string },
    expected: { readonly ownerId: string; readonly createdAfter?: string },
  ): Promise<CatalogEntry | undefined>;
  /** Lets go of the claim taken until `until` after its call failed without ending the session; a later claim stays. */
  releaseSessionCompletion(id: string, until: string): Promise<void>;
  /**
   * READY -> TRASHED (hidden from listings at once, listed in its owner's trash). Idempotent: an entry already
   * TRASHED is returned as is. Returns undefined when there is no entry or it is PENDING or DELETING. `deletedAt`
   * replays a delete the bucket remembers (a rebuild); @default - now
   */
  markTrashed(id: string, options?: { readonly deletedAt?: string }): Promise<CatalogEntry | undefined>;
  /**
   * TRASHED -> READY (listed again, same id, name and body). Idempotent: an entry already READY is returned as is.
   * Returns undefined when there is no entry or it is PENDING or DELETING.
   */
  markRestored(id: string): Promise<CatalogEntry | undefined>;
  /**
   * TRASHED entries of one owner (`owner: null`: files without one), or of EVERY_OWNER, up to `limit`, newest delete
   * first (ties by id, newest first), strictly after `before` in that order when given. Cost grows with `limit` only.
   */
  listTrash(options: {
    readonly owner: TrashOwner;
    readonly limit: number;
    readonly before?: TrashPosition;
  }): Promise<CatalogEntry[]>;
  /** TRASHED entries deleted before `olderThan`, for the sweeper (may lag a little; the sweeper claims each one). */
  listExpiredTrash(olderThan: Date): AsyncIterable<CatalogEntry>;
  /**
   * Any state -> DELETING (hidden from listings and the trash); returns undefined when there is no entry, or when
   * `expected` is given and the entry no longer has that state and updatedAt (the sweeper's claim: it never races a
   * live upload or a restore).
   */
  markDeleting(
    id: string,
    expected?: { readonly state: FileState; readonly updatedAt: string },
  ): Promise<CatalogEntry | undefined>;
  /**
   * Recreates a READY or TRASHED entry from what its object carries (a rebuild or the sweeper's adoption), with its
   * trash listing when TRASHED. Never overwrites: false, with nothing written, when the id has an entry already.
   */
  adopt(entry: CatalogEntry): Promise<boolean>;
  /**
   * Records a scan verdict on a READY or TRASHED entry (and its listed or trash copies) whose scan is `pending` and
   * whose object is `verdict.objectKey`: `recorded`. Changes nothing otherwise: `unchanged` when the scan is no longer
   * pending or the object differs (a duplicate or late verdict), `unknown` when there is no entry or it is being
   * deleted, `not-ready` while the entry is PENDING (its body is still being stored; try again later).
   */
  recordScan(id: string, verdict: ScanVerdict): Promise<RecordScanOutcome>;
  /** Removes the entry; a missing entry is not an error. */
  remove(id: string): Promise<void>;
  /** One entry in any state, or undefined. */
  get(id: string): Promise<CatalogEntry | undefined>;
  /** READY entries, newest first, strictly older than `before` (an id) when given. Cost grows with `limit` only. */
  listReady(options: { limit: number; before?: string }): Promise<{ records: ListedFile[]; hasMore: boolean }>;
  /** PENDING and DELETING entries last changed before `olderThan`, for the sweeper. */
  listStale(olderThan: Date): AsyncIterable<CatalogEntry>;
  /** Resolves when DynamoDB answers; rejects otherwise, within a bounded time (readiness). */
  ping(): Promise<void>;
}

/** A place in the trash's newest-delete-first order: the last entry of the previous page. */
export interface TrashPosition {
  readonly deletedAt: string;
  readonly id: string;
}

/** What BlobStore.put reports once the object is complete. */
export interface StoredBlob {
  readonly size: number;
  readonly sha256: string;
  readonly etag?: string;
}

/** What HeadObject tells of an object, without its body. */
export interface BlobHead {
  readonly size: number;
  readonly lastModified: Date;
  /** User metadata, keys without `x-amz-meta-`. */
  readonly metadata: Readonly<Record<string, string>>;
  /** The checksum the store keeps for the object (direct uploads), when it keeps one. */
  readonly checksum?: FileChecksum;
}

/** An object body opened for reading. */
export interface BlobReadResult {
  readonly body: Readable;
  readonly contentLength: number;
  readonly etag?: string;
}

/** How `BlobStore.put` stores a body. */
export interface BlobPutOptions {
  contentType: string;
  maxBytes: number;
  signal?: AbortSignal;
  metadata?: Readonly<Record<string, string>>;
}

/** File bodies in S3, streamed both ways; nothing is buffered whole. */
export interface BlobStore {
  /**
   * Streams `body` to `key` (multipart for large bodies), hashing SHA-256 on the fly.
   * Rejects with FileTooLargeError past `maxBytes`; on abort or error no object is left behind. `metadata` is
   * stored with the object (keys without `x-amz-meta-`).
   */
  put(key: string, body: Readable, options: BlobPutOptions): Promise<StoredBlob>;
  /** Opens the object, or the inclusive byte range [start, end] of it. Rejects with NotFoundError. */
  get(key: string, range?: { start: number; end: number }): Promise<BlobReadResult>;
  /** The object's size, metadata and checksum; undefined when there is no such object. */
  head(key: string): Promise<BlobHead | undefined>;
  /** Deletes the object; a missing object is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Object keys in ascending order with their last-modified times, for the sweeper; only keys after `startAfter` and
   * starting with `prefix` when given.
   */
  list(options?: {
    readonly startAfter?: string;
    readonly prefix?: string;
  }): AsyncIterable<{ key: string; lastModified: Date }>;
  /** Resolves when S3 answers; rejects otherwise, within a bounded time (readiness). */
  ping(): Promise<void>;
}

/** Stands for all owners in a trash listing: a symbol, so no owner id (an IdP `sub` included) can equal it. */
export const EVERY_OWNER: unique symbol = Symbol('every owner');
/** Whose trash to list: one owner id, `null` for files without an owner, or EVERY_OWNER. */
export type TrashOwner = string | null | typeof EVERY_OWNER;
