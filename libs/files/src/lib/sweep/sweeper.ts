import { FILES_PREFIX, fileIdFromObjectKey, fileIdTime, firstObjectKeyAt } from '../file-id';
import { adoptObject } from '../recovery/adopt-object';
import { deleteStoredObjects } from '../recovery/trash-marker';
import type { CatalogEntry } from '../file-record';
import type { MultipartStore } from '../direct/multipart-store';
import type { BlobStore, FileCatalog } from '../ports';

/** What one sweep removed, adopted and left alone. */
export interface SweepReport {
  /** Ids of PENDING/DELETING entries older than the grace period (their objects were deleted too). */
  readonly staleEntries: string[];
  /** Keys of objects older than the grace period that had no entry and carried a valid record: entry recreated. */
  readonly adoptedObjects: string[];
  /** Keys of objects older than the grace period with no entry and no valid record: reported, never deleted. */
  readonly foreignObjects: string[];
  /** Ids of deleted files whose retention ended (their objects were deleted too). */
  readonly expiredTrash: string[];
}

/** What the sweeper needs. */
export interface SweepOptions {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  /** Entries and objects younger than this are left alone: they may belong to an upload in flight. */
  readonly graceSeconds: number;
  /**
   * Look for orphan objects only among files created in this many seconds before the grace cutoff, so a periodic
   * sweep costs what was uploaded lately, not the whole bucket (object keys sort by creation time).
   * @default - every object (a full pass, as `nx run webapp:sweep` does)
   */
  readonly orphanWindowSeconds?: number;
  /**
   * Deleted files stay restorable this long, then the sweeper removes body and record.
   * @default - deleted files are left alone
   */
  readonly trashRetentionSeconds?: number;
  /**
   * Aborts the multipart upload of a stale direct-upload session before its entry goes.
   * @default - sessions are left alone
   */
  readonly multipart?: MultipartStore;
  /**
   * A direct-upload session is stale only this long after it was created (it may take hours), not after graceSeconds.
   * @default 86400
   */
  readonly sessionLifetimeSeconds?: number;
  /** @default - now */
  readonly now?: Date;
}

/**
 * Removes what crashed uploads and deletes left behind: stale PENDING/DELETING entries with their objects (the entry
 * is the leftover's mark). An object with no entry is never deleted: it is adopted when its metadata carries a valid
 * record (a restored or lost table), else reported as foreign. Safe to run on every instance at once.
 */
export async function sweep(options: SweepOptions): Promise<SweepReport> {
  const { catalog, blobs, graceSeconds } = options;
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - graceSeconds * 1000);
  const sessionCutoff = now.getTime() - (options.sessionLifetimeSeconds ?? 86_400) * 1000;
  const staleEntries = await removeClaimed(
    catalog,
    blobs,
    staleOnly(catalog.listStale(cutoff), sessionCutoff, now, options.multipart),
    options.multipart,
  );
  const expiredTrash =
    options.trashRetentionSeconds === undefined
      ? []
      : await removeClaimed(
          catalog,
          blobs,
          catalog.listExpiredTrash(new Date(now.getTime() - options.trashRetentionSeconds * 1000)),
        );
  const adoptedObjects: string[] = [];
  const foreignObjects: string[] = [];
  const windowStart =
    options.orphanWindowSeconds === undefined
      ? undefined
      : new Date(cutoff.getTime() - options.orphanWindowSeconds * 1000);
  // A key just before the first file of the window (an id's 10-character time prefix sorts before the id itself).
  const startAfter = windowStart ? firstObjectKeyAt(windowStart) : undefined;
  for await (const object of blobs.list({ startAfter, prefix: FILES_PREFIX })) {
    const id = fileIdFromObjectKey(object.key);
    // Keys ascend with creation time: past the cutoff, nothing in this window is old enough.
    if (windowStart && id !== undefined && fileIdTime(id) >= cutoff) break;
    if (object.lastModified >= cutoff) continue;
    const adoption = await adoptObject(catalog, blobs, object.key);
    if (adoption.outcome === 'adopted') adoptedObjects.push(object.key);
    if (adoption.outcome === 'foreign') foreignObjects.push(object.key);
  }
  return { staleEntries, adoptedObjects, foreignObjects, expiredTrash };
}

/**
 * Skips live direct-upload sessions (younger than their lifetime, or held by a complete or abort call), and every
 * session when no multipart store can abort it.
 */
async function* staleOnly(
  entries: AsyncIterable<CatalogEntry>,
  sessionCutoffMs: number,
  now: Date,
  multipart: MultipartStore | undefined,
): AsyncIterable<CatalogEntry> {
  for await (const entry of entries) {
    const session = entry.state === 'PENDING' ? entry.session : undefined;
    if (
      session &&
      (!multipart ||
        Date.parse(session.createdAt) > sessionCutoffMs ||
        (session.completingUntil ?? '') >= now.toISOString())
    )
      continue;
    yield entry;
  }
}

async function removeClaimed(
  catalog: FileCatalog,
  blobs: BlobStore,
  entries: AsyncIterable<CatalogEntry>,
  multipart?: MultipartStore,
): Promise<string[]> {
  const removed: string[] = [];
  for await (const entry of entries) {
    // Claim it first (DELETING, only if unchanged since seen): an upload that is still finishing then fails its
    // markReady cleanly instead of being listed without a body, and a restore that won keeps its file. The index
    // may be stale, so the claim decides.
    const claimed = await catalog.markDeleting(entry.id, { state: entry.state, updatedAt: entry.updatedAt });
    if (!claimed) continue;
    // Object before record, so a crash here leaves a hidden DELETING record to retry, never an orphan object.
    if (claimed.session && multipart) await multipart.abort(claimed.objectKey, claimed.session.uploadId);
    await deleteStoredObjects(blobs, claimed);
    await catalog.remove(entry.id);
    removed.push(entry.id);
  }
  return removed;
}
