import { fileIdFromObjectKey, objectKeyFor } from '../file-id';
import type { CatalogEntry } from '../file-record';
import { EVERY_OWNER, type BlobHead, type BlobStore, type FileCatalog, type TrashPosition } from '../ports';
import { decodeRecordMetadata } from './record-metadata';
import { TRASH_MARKER_PREFIX, markedIds } from './trash-marker';

/** How many deleted files reconcile reads from the trash per page. */
const TRASH_PAGE = 1000;

/** One difference between the bucket and the catalog. */
export type Difference =
  /** An object with no entry whose metadata carries a valid record: rebuild-catalog (or the sweeper) adopts it. */
  | { readonly kind: 'adoptable'; readonly key: string; readonly detail: string }
  /** An object the app did not create, or whose metadata fails validation: never adopted, never deleted. */
  | { readonly kind: 'foreign'; readonly key: string; readonly detail: string }
  /** A trash marker whose file has neither object nor entry: what an interrupted purge leaves. */
  | { readonly kind: 'leftover'; readonly key: string; readonly detail: string }
  /** A listed or deleted entry whose object is gone (a table newer than the bucket, or a lost body). */
  | { readonly kind: 'missing-object'; readonly key: string; readonly detail: string }
  /** An entry and its object that disagree: fields, or whether the file is deleted. */
  | { readonly kind: 'mismatch'; readonly key: string; readonly detail: string };

/**
 * Compares the bucket with the catalog and yields every difference; it changes nothing. Entries still uploading or
 * being removed (PENDING, DELETING) are the sweeper's and are not compared.
 */
export async function* reconcile(options: {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
}): AsyncIterable<Difference> {
  const { catalog, blobs } = options;
  const marked = await markedIds(blobs);
  const seen = new Set<string>();
  for await (const { key } of blobs.list()) {
    if (key.startsWith(TRASH_MARKER_PREFIX)) continue;
    const id = fileIdFromObjectKey(key);
    if (id === undefined) {
      yield { kind: 'foreign', key, detail: 'not an object key the app creates' };
      continue;
    }
    seen.add(id);
    const [entry, head] = await Promise.all([catalog.get(id), blobs.head(key)]);
    if (!head) continue;
    const decoded = decodeRecordMetadata(key, head.metadata);
    if (!entry) {
      const { name, ownerId } = decoded.ok ? decoded.record : { name: '', ownerId: undefined };
      const detail = `${name} (owner ${ownerId ?? 'none'}${marked.has(id) ? ', deleted' : ''})`;
      yield decoded.ok ? { kind: 'adoptable', key, detail } : { kind: 'foreign', key, detail: decoded.reason };
      continue;
    }
    if (entry.state === 'PENDING' && decoded.ok) {
      yield { kind: 'mismatch', key, detail: 'PENDING entry with a complete body (rebuild-catalog finishes it)' };
    }
    if (entry.state !== 'READY' && entry.state !== 'TRASHED') continue;
    const differs = disagreement(entry, head, decoded.ok ? decoded.record : undefined, marked.has(id));
    if (differs) yield { kind: 'mismatch', key, detail: differs };
  }
  for await (const entry of recordedFiles(catalog)) {
    if (seen.has(entry.id) || (await blobs.head(entry.objectKey))) continue;
    yield {
      kind: 'missing-object',
      key: entry.objectKey,
      detail: `${entry.state} entry ${entry.id} (${entry.name}) has no object`,
    };
  }
  for (const id of marked) {
    if (seen.has(id) || (await catalog.get(id))) continue;
    yield {
      kind: 'leftover',
      key: `${TRASH_MARKER_PREFIX}${id}`,
      detail: 'trash marker of a file with neither object nor entry',
    };
  }
}

function disagreement(
  entry: CatalogEntry,
  head: BlobHead,
  record: { name: string; ownerId?: string; uploadedAt: string } | undefined,
  marked: boolean,
): string | undefined {
  if (!record) return 'the object carries no valid record';
  if (entry.size !== head.size) return `size: entry ${entry.size}, object ${head.size}`;
  for (const field of ['name', 'ownerId', 'uploadedAt'] as const) {
    if (entry[field] !== record[field])
      return `${field}: entry ${JSON.stringify(entry[field])}, object ${JSON.stringify(record[field])}`;
  }
  if (entry.state === 'READY' && marked)
    return 'listed in the catalog, deleted in the bucket (rebuild-catalog moves it to the trash)';
  if (entry.state === 'TRASHED' && !marked) return 'deleted in the catalog, not marked deleted in the bucket';
  return undefined;
}

// Every READY entry, page by page, then every TRASHED one.
async function* recordedFiles(catalog: FileCatalog): AsyncIterable<CatalogEntry> {
  let before: string | undefined;
  do {
    const page = await catalog.listReady({ limit: 1000, before });
    for (const file of page.records)
      yield { ...file, state: 'READY', objectKey: objectKeyFor(file.id), updatedAt: file.uploadedAt };
    before = page.hasMore ? page.records.at(-1)?.id : undefined;
  } while (before);
  for (let before: TrashPosition | undefined, first = true; first || before; first = false) {
    const page = await catalog.listTrash({ owner: EVERY_OWNER, limit: TRASH_PAGE, before });
    yield* page;
    const last = page.at(-1);
    before =
      page.length === TRASH_PAGE && last ? { deletedAt: last.deletedAt ?? last.updatedAt, id: last.id } : undefined;
  }
}
