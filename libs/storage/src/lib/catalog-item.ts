import type { CatalogEntry, FileRecord, FileState } from '@ha-uploads/files';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** A files-table item as the document client reads and writes it. */
export type CatalogItem = Record<string, unknown>;

/** Attributes a listing page needs: the public record, nothing else. */
export const RECORD_ATTRIBUTES = ['sk', 'name', 'size', 'contentType', 'sha256', 'uploadedAt', 'uploadedBy'] as const;

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
  };
}

/** The full catalog entry stored in an item. */
export function entryFromItem(item: CatalogItem): CatalogEntry {
  return {
    ...recordFromItem(item),
    state: str(item, 'state') as FileState,
    objectKey: str(item, 'objectKey'),
    updatedAt: str(item, S.staleIndexSortKey),
  };
}
