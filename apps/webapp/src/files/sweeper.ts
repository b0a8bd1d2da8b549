import { fileIdFromObjectKey } from './file-id';
import type { BlobStore, FileCatalog } from './ports';

/** What one sweep removed. */
export interface SweepReport {
  /** Ids of PENDING/DELETING entries older than the grace period (their objects were deleted too). */
  readonly staleEntries: string[];
  /** Keys of objects older than the grace period that had no catalog entry. */
  readonly orphanObjects: string[];
}

/** What the sweeper needs. */
export interface SweepOptions {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  /** Entries and objects younger than this are left alone: they may belong to an upload in flight. */
  readonly graceSeconds: number;
  /** @default - now */
  readonly now?: Date;
}

/**
 * Removes what crashed uploads and deletes left behind: stale PENDING/DELETING entries with their objects,
 * then objects with no entry. Safe to run on every instance at once: each step is idempotent.
 */
export async function sweep(options: SweepOptions): Promise<SweepReport> {
  const { catalog, blobs, graceSeconds } = options;
  const cutoff = new Date((options.now ?? new Date()).getTime() - graceSeconds * 1000);
  const staleEntries: string[] = [];
  for await (const entry of catalog.listStale(cutoff)) {
    // Object before record, so a crash here leaves a stale record to retry, never an orphan object.
    await blobs.delete(entry.objectKey);
    await catalog.remove(entry.id);
    staleEntries.push(entry.id);
  }
  const orphanObjects: string[] = [];
  for await (const object of blobs.list()) {
    if (object.lastModified >= cutoff) continue;
    const id = fileIdFromObjectKey(object.key);
    // Keys this app did not create are not ours to delete.
    if (id === undefined || (await catalog.get(id)) !== undefined) continue;
    await blobs.delete(object.key);
    orphanObjects.push(object.key);
  }
  return { staleEntries, orphanObjects };
}
