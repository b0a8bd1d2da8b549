import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { NotFoundError } from '../errors';
import type { CatalogEntry } from '../file-record';
import type { BlobStore } from '../ports';
import { decodeRecordMetadata } from './record-metadata';
import { decodeTrashMarker, trashMarkerKey } from './trash-marker';

/** What an object says of itself: the entry it carries, that it is not the app's (and why), or that it is gone. */
export type ObjectVerdict =
  | { readonly kind: 'adoptable'; readonly entry: CatalogEntry }
  | { readonly kind: 'foreign'; readonly reason: string }
  | { readonly kind: 'gone' };

/**
 * Rebuilds the catalog entry an object carries: the record from its metadata, the size (and a direct upload's
 * checksum) from S3, a body streamed through the app's hash its SHA-256 and size, and TRASHED with the delete
 * time when its trash marker says so. Metadata that fails validation makes the object foreign.
 */
export async function entryFromObject(blobs: BlobStore, key: string): Promise<ObjectVerdict> {
  const head = await blobs.head(key);
  if (!head) return { kind: 'gone' };
  const decoded = decodeRecordMetadata(key, head.metadata);
  if (!decoded.ok) return { kind: 'foreign', reason: decoded.reason };
  const { source, ...record } = decoded.record;
  let sha256 = '';
  if (source === 'app') {
    const hashed = await hashBody(blobs, key);
    if (!hashed) return { kind: 'gone' };
    if (hashed.size !== head.size)
      return { kind: 'foreign', reason: `body is ${hashed.size} bytes, S3 says ${head.size}` };
    sha256 = hashed.sha256;
  }
  const deletedAt = await trashedAt(blobs, record.id);
  const entry: CatalogEntry = {
    ...record,
    size: head.size,
    sha256,
    ...(source === 'direct' && head.checksum && { checksum: head.checksum }),
    objectKey: key,
    state: deletedAt === undefined ? 'READY' : 'TRASHED',
    updatedAt: deletedAt ?? head.lastModified.toISOString(),
    ...(deletedAt !== undefined && { deletedAt }),
  };
  return { kind: 'adoptable', entry };
}

/** When file `id` was deleted, as its trash marker says; undefined when it has no (valid) marker. */
export async function trashedAt(blobs: BlobStore, id: string): Promise<string | undefined> {
  const key = trashMarkerKey(id);
  const head = await blobs.head(key);
  return head && decodeTrashMarker(key, head.metadata);
}

// The app hashed the body it stored; the bucket keeps no such digest, so the body is read again, streamed.
async function hashBody(blobs: BlobStore, key: string): Promise<{ size: number; sha256: string } | undefined> {
  const opened = await blobs.get(key).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  if (!opened) return undefined;
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of opened.body as Readable & AsyncIterable<Buffer>) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { size, sha256: hash.digest('hex') };
}
