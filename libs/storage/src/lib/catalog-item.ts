import type { CatalogEntry, FileChecksum, FileRecord, FileState, ListedFile, UploadSession } from '@ha-uploads/files';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** A files-table item as the document client reads and writes it. */
export type CatalogItem = Record<string, unknown>;

/** Attributes a listing page needs: the public record, nothing else. */
export const RECORD_ATTRIBUTES = ['sk', 'name', 'size', 'contentType', 'sha256', 'uploadedAt', 'uploadedBy', 'ownerId', 'checksum'] as const;

/** The primary key of the entry with this id. */
export function itemKey(id: string): { pk: string; sk: string } {
  return { [S.partitionKey]: S.collection, [S.sortKey]: id } as { pk: string; sk: string };
}

function str(item: CatalogItem, name: string): string {
  const value = item[name];
  return typeof value === 'string' ? value : '';
}

function num(item: CatalogItem, name: string): number {
  const value = item[name];
  return typeof value === 'number' ? value : 0;
}

/** The public record stored in an item (a PENDING item has size 0 and no digest yet). */
export function recordFromItem(item: CatalogItem): FileRecord {
  return {
    id: str(item, S.sortKey),
    name: str(item, 'name'),
    size: num(item, 'size'),
    contentType: str(item, 'contentType'),
    sha256: str(item, 'sha256'),
    uploadedAt: str(item, 'uploadedAt'),
    uploadedBy: str(item, 'uploadedBy'),
    ...(isObject(item['checksum']) && { checksum: item['checksum'] as unknown as FileChecksum }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The listed file stored in an item: the record and, when it has one, its owner. */
export function listedFromItem(item: CatalogItem): ListedFile {
  const record = recordFromItem(item);
  return typeof item['ownerId'] === 'string' ? { ...record, ownerId: item['ownerId'] } : record;
}

/** The full catalog entry stored in an item. */
export function entryFromItem(item: CatalogItem): CatalogEntry {
  return {
    ...listedFromItem(item),
    state: str(item, 'state') as FileState,
    objectKey: str(item, 'objectKey'),
    updatedAt: str(item, S.staleIndexSortKey),
    ...(typeof item['deletedAt'] === 'string' && { deletedAt: item['deletedAt'] }),
    ...(isObject(item['session']) && { session: item['session'] as unknown as UploadSession }),
  };
}

/**
 * The item of a READY or TRASHED entry, as a rebuild writes it: a TRASHED one joins the trash's sparse index at its
 * delete time, so its retention runs from when it was deleted.
 */
export function itemFromEntry(entry: CatalogEntry): CatalogItem {
  const { id, session: _session, ...rest } = entry;
  return {
    ...rest,
    ...itemKey(id),
    [S.staleIndexSortKey]: entry.updatedAt,
    ...(entry.state === 'TRASHED' && { [S.staleIndexPartitionKey]: S.trashLimboValue }),
  };
}

/** The trash pointer key's owner part: URI-encoded so no owner id can be a prefix of another's; empty for none. */
export function trashOwnerKey(ownerId: string | null | undefined): string {
  return ownerId ? encodeURIComponent(ownerId) : '';
}

/** The key of a deleted file's trash pointer. */
export function trashPointerKey(entry: { readonly id: string; readonly ownerId?: string }): { pk: string; sk: string } {
  return { [S.partitionKey]: S.trashCollection, [S.sortKey]: `${trashOwnerKey(entry.ownerId)}#${entry.id}` } as { pk: string; sk: string };
}
