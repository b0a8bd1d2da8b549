import { fileIdFromObjectKey } from '../file-id';
import type { CatalogEntry } from '../file-record';
import type { BlobStore, FileCatalog } from '../ports';
import { entryFromObject } from './object-entry';

/** What became of one object: it had an entry, it was adopted, it is foreign (never touched), or it is gone. */
export type Adoption =
  | { readonly outcome: 'recorded'; readonly entry: CatalogEntry }
  | { readonly outcome: 'adopted'; readonly entry: CatalogEntry }
  | { readonly outcome: 'foreign'; readonly reason: string }
  | { readonly outcome: 'gone' };

/**
 * Gives an object without a catalog entry its entry back when its own metadata carries a valid record; leaves a
 * recorded object as it is and reports a foreign one. Safe beside a serving fleet: the entry is read before the
 * object (a removal deletes the object before the entry), and the write never overwrites.
 */
export async function adoptObject(catalog: FileCatalog, blobs: BlobStore, key: string): Promise<Adoption> {
  const id = fileIdFromObjectKey(key);
  if (id === undefined) return { outcome: 'foreign', reason: 'not an object key the app creates' };
  const existing = await catalog.get(id);
  if (existing) return { outcome: 'recorded', entry: existing };
  const verdict = await entryFromObject(blobs, key);
  if (verdict.kind !== 'adoptable')
    return verdict.kind === 'gone' ? { outcome: 'gone' } : { outcome: 'foreign', reason: verdict.reason };
  if (await catalog.adopt(verdict.entry)) return { outcome: 'adopted', entry: verdict.entry };
  // Another writer (an instance, a sweep, a rebuild) recorded it meanwhile; its entry is the truth.
  const raced = await catalog.get(id);
  return raced ? { outcome: 'recorded', entry: raced } : { outcome: 'gone' };
}
