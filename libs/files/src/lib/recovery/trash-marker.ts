import { z } from 'zod';
import { isFileId } from '../file-id';
import type { BlobStore } from '../ports';
import { appMetadata } from './record-metadata';

/** Where the trash marks its files: one empty object per deleted file, beside the bodies, never under `files/`. */
export const TRASH_MARKER_PREFIX = 'trash-markers/';

/** The key of the trash marker of file `id`. */
export function trashMarkerKey(id: string): string {
  return `${TRASH_MARKER_PREFIX}${id}`;
}

const markerSchema = z.strictObject({
  'ha-trash': z.literal('1'),
  'ha-id': z.string(),
  'ha-deleted-at': z.iso.datetime(),
});

/** The metadata of the trash marker of a file deleted at `deletedAt` (ISO 8601). */
export function encodeTrashMarker(marker: { readonly id: string; readonly deletedAt: string }): Record<string, string> {
  return { 'ha-trash': '1', 'ha-id': marker.id, 'ha-deleted-at': marker.deletedAt };
}

/** When the file the marker at `key` names was deleted; undefined when the marker is not one the app wrote for it. */
export function decodeTrashMarker(
  key: string,
  metadata: Readonly<Record<string, string>> | undefined,
): string | undefined {
  const parsed = markerSchema.safeParse(appMetadata(metadata));
  if (!parsed.success || !isFileId(parsed.data['ha-id']) || trashMarkerKey(parsed.data['ha-id']) !== key)
    return undefined;
  return parsed.data['ha-deleted-at'];
}

/**
 * Deletes what the bucket holds of an entry being removed for good: its body, then its trash marker when it was ever
 * deleted, so a crash in between leaves a marker without a body (ignored), never a body marked as listed.
 */
export async function deleteStoredObjects(
  blobs: BlobStore,
  entry: { readonly id: string; readonly objectKey: string; readonly deletedAt?: string },
): Promise<void> {
  await blobs.delete(entry.objectKey);
  if (entry.deletedAt !== undefined) await blobs.delete(trashMarkerKey(entry.id));
}

/** The ids of every file the bucket marks as deleted (one listing of the marker prefix). */
export async function markedIds(blobs: BlobStore): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const marker of blobs.list({ prefix: TRASH_MARKER_PREFIX }))
    ids.add(marker.key.slice(TRASH_MARKER_PREFIX.length));
  return ids;
}
