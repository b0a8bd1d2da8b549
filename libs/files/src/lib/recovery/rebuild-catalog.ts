import { ConflictError } from '../errors';
import { FILES_PREFIX } from '../file-id';
import type { CatalogEntry } from '../file-record';
import type { BlobStore, FileCatalog } from '../ports';
import { adoptObject } from './adopt-object';
import { entryFromObject } from './object-entry';
import { decodeTrashMarker, markedIds, trashMarkerKey } from './trash-marker';

/** One change or finding of a rebuild, in the order it happened. */
export type RebuildEvent =
  | {
      readonly kind: 'adopted';
      readonly id: string;
      readonly state: 'READY' | 'TRASHED';
      readonly name: string;
      readonly ownerId?: string;
    }
  | { readonly kind: 'trashed'; readonly id: string; readonly deletedAt: string }
  | { readonly kind: 'finished'; readonly id: string; readonly name: string }
  | { readonly kind: 'foreign'; readonly key: string; readonly reason: string }
  | { readonly kind: 'progress'; readonly scanned: number; readonly checkpoint: string };

/** What a rebuild did, counted. */
export interface RebuildSummary {
  readonly scanned: number;
  readonly adopted: number;
  readonly trashed: number;
  /** PENDING entries (uploads in flight when the table was copied) whose bodies the bucket holds complete. */
  readonly finished: number;
  readonly foreign: number;
  /** The last key looked at: `startAfter` for a run that carries on from here. */
  readonly lastKey?: string;
}

/** What rebuildCatalog needs. */
export interface RebuildOptions {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  /** Resumes after this object key (a checkpoint an earlier run printed). @default - the first object */
  readonly startAfter?: string;
  /** A progress event every this many objects. @default 1000 */
  readonly progressEvery?: number;
  readonly onEvent: (event: RebuildEvent) => void;
}

/**
 * Recreates missing catalog entries from the objects that carry them, finishes PENDING entries whose bodies are
 * complete, and replays deletes the bucket remembers on entries that are still listed (a table older than the bucket).
 * Idempotent and resumable; it only ever adds an
 * entry that does not exist or moves a READY entry to the trash, each by a conditional write, so the fleet may serve
 * meanwhile. Foreign objects are reported and left alone.
 */
export async function rebuildCatalog(options: RebuildOptions): Promise<RebuildSummary> {
  const { catalog, blobs, onEvent } = options;
  const every = options.progressEvery ?? 1000;
  const marked = await markedIds(blobs);
  const counts = { scanned: 0, adopted: 0, trashed: 0, finished: 0, foreign: 0 };
  let lastKey = options.startAfter;
  for await (const object of blobs.list({ prefix: FILES_PREFIX, startAfter: options.startAfter })) {
    const adoption = await adoptObject(catalog, blobs, object.key);
    if (adoption.outcome === 'adopted') {
      const { id, state, name, ownerId } = adoption.entry;
      counts.adopted += 1;
      onEvent({
        kind: 'adopted',
        id,
        state: state === 'TRASHED' ? 'TRASHED' : 'READY',
        name,
        ...(ownerId !== undefined && { ownerId }),
      });
    } else if (adoption.outcome === 'foreign') {
      counts.foreign += 1;
      onEvent({ kind: 'foreign', key: object.key, reason: adoption.reason });
    } else if (adoption.outcome === 'recorded' && adoption.entry.state === 'PENDING') {
      if (await finishUpload(catalog, blobs, adoption.entry)) {
        counts.finished += 1;
        onEvent({ kind: 'finished', id: adoption.entry.id, name: adoption.entry.name });
      }
    } else if (adoption.outcome === 'recorded' && adoption.entry.state === 'READY' && marked.has(adoption.entry.id)) {
      const deletedAt = await replayDelete(catalog, blobs, adoption.entry.id);
      if (deletedAt !== undefined) {
        counts.trashed += 1;
        onEvent({ kind: 'trashed', id: adoption.entry.id, deletedAt });
      }
    }
    counts.scanned += 1;
    lastKey = object.key;
    if (counts.scanned % every === 0) onEvent({ kind: 'progress', scanned: counts.scanned, checkpoint: object.key });
  }
  return { ...counts, ...(lastKey !== undefined && { lastKey }) };
}

// A listed entry whose object is marked deleted: the delete happened after the table's copy was taken.
async function replayDelete(catalog: FileCatalog, blobs: BlobStore, id: string): Promise<string | undefined> {
  const key = trashMarkerKey(id);
  const deletedAt = decodeTrashMarker(key, (await blobs.head(key))?.metadata);
  if (deletedAt === undefined) return undefined;
  const trashed = await catalog.markTrashed(id, { deletedAt });
  return trashed?.deletedAt === deletedAt ? deletedAt : undefined;
}

// A PENDING entry whose object is complete and carries its record: an upload that finished after the table's copy.
async function finishUpload(catalog: FileCatalog, blobs: BlobStore, entry: CatalogEntry): Promise<boolean> {
  const verdict = await entryFromObject(blobs, entry.objectKey);
  if (verdict.kind !== 'adoptable') return false;
  const { size, sha256, contentType, checksum } = verdict.entry;
  // A direct upload whose parts do not add up to the declared size is discarded by its complete, never listed.
  if (entry.session && entry.session.size !== size) return false;
  try {
    // Conditional on PENDING, and idempotent with the instance's own markReady of the same body.
    await catalog.markReady(entry.id, { size, sha256, contentType, ...(checksum && { checksum }) });
    return true;
  } catch (err) {
    if (err instanceof ConflictError) return false;
    throw err;
  }
}
