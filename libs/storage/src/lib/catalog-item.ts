import {
  EVERY_OWNER,
  type CatalogEntry,
  type FileChecksum,
  type FileRecord,
  type FileState,
  type ListedFile,
  type ScanState,
  type TrashOwner,
  type UploadSession,
} from '@ha-uploads/files';
import { createHash } from 'node:crypto';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** A files-table item as the document client reads and writes it. */
export type CatalogItem = Record<string, unknown>;

/** Attributes a listing page needs: the public record, nothing else (the copies carry their id as `fileId`). */
export const RECORD_ATTRIBUTES = [
  'fileId',
  'name',
  'size',
  'contentType',
  'sha256',
  'uploadedAt',
  'uploadedBy',
  'ownerId',
  'checksum',
  'scan',
  'scanDetail',
] as const;

/** The shard (0..shards-1) an id's items live in: a hash of the id, so shards fill evenly whatever the ids. */
export function shardOf(id: string, shards: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % shards;
}

/** The partition key of shard `n`. */
export function shardPartition(n: number): string {
  return `${S.collection}#${n}`;
}

/** The primary key of the entry with this id. */
export function itemKey(id: string, shards: number = S.shardCount): { pk: string; sk: string } {
  return { [S.partitionKey]: shardPartition(shardOf(id, shards)), [S.sortKey]: id } as { pk: string; sk: string };
}

/**
 * Where an entry's items live in the sharded layout: its shard count, and how many replica groups hold its listed
 * copies when READY (0: one copy in its own shard's `ready#` range, as before the groups).
 */
export interface ShardPlacement {
  readonly shards: number;
  readonly replicas: number;
}

/** The partition of replica group `group`'s shard `n` of the listing. */
export function listedPartition(group: number, n: number): string {
  return `${S.listedCollection}#${group}#${n}`;
}

/** The keys of the listable copies of a READY entry: one in each replica group (or its shard's `ready#` range). */
export function listedKeys(id: string, at: ShardPlacement): { pk: string; sk: string }[] {
  if (at.replicas === 0) return [{ ...itemKey(id, at.shards), [S.sortKey]: `${S.inlineListedPrefix}${id}` }];
  const n = shardOf(id, at.shards);
  return Array.from(
    { length: at.replicas },
    (_, g) => ({ [S.partitionKey]: listedPartition(g, n), [S.sortKey]: id }) as { pk: string; sk: string },
  );
}

/** The listable copies of a READY entry: its listed record and owner, one at each of its listed keys. */
export function listedItems(entry: ListedFile, at: ShardPlacement): CatalogItem[] {
  const { id, ...rest } = entry;
  return listedKeys(id, at).map((key) => ({ ...rest, ...key, fileId: id }));
}

/** The keys of a TRASHED entry's two trash copies: in everyone's trash and in its owner's, by delete time. */
export function trashKeys(entry: CatalogEntry, shards: number): { pk: string; sk: string }[] {
  const { pk } = itemKey(entry.id, shards);
  const when = `${entry.deletedAt ?? entry.updatedAt}#${entry.id}`;
  return [
    { pk, sk: `${S.trashPrefix}${when}` },
    { pk, sk: `${S.ownerTrashPrefix}${trashOwnerKey(entry.ownerId)}#${when}` },
  ];
}

/** The two trash copies of a TRASHED entry, each the whole entry, so the trash is read in one query per shard. */
export function trashItems(entry: CatalogEntry, shards: number): CatalogItem[] {
  const { id, session: _session, ...rest } = entry;
  return trashKeys(entry, shards).map((key) => ({ ...rest, ...key, fileId: id }));
}

/** The sort-key prefix of one owner's trash copies (`owner: null`: files without one), or of everyone's. */
export function trashPrefix(owner: TrashOwner): string {
  return owner === EVERY_OWNER ? S.trashPrefix : `${S.ownerTrashPrefix}${trashOwnerKey(owner)}#`;
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
    // A copy carries its entry's id as fileId; the entry itself is keyed by it.
    id: typeof item['fileId'] === 'string' ? item['fileId'] : str(item, S.sortKey),
    name: str(item, 'name'),
    size: num(item, 'size'),
    contentType: str(item, 'contentType'),
    sha256: str(item, 'sha256'),
    uploadedAt: str(item, 'uploadedAt'),
    uploadedBy: str(item, 'uploadedBy'),
    ...(isObject(item['checksum']) && { checksum: item['checksum'] as unknown as FileChecksum }),
    ...(isScanState(item['scan']) && { scan: item['scan'] }),
    ...(typeof item['scanDetail'] === 'string' && { scanDetail: item['scanDetail'] }),
  };
}

function isScanState(value: unknown): value is ScanState {
  return value === 'pending' || value === 'clean' || value === 'infected' || value === 'unscannable';
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
 * The item of a READY or TRASHED entry, as a rebuild writes it: a READY one names where its listed copies are, and a
 * TRASHED one joins the trash's sparse index at its delete time, so its retention runs from when it was deleted.
 */
export function itemFromEntry(entry: CatalogEntry, at: ShardPlacement): CatalogItem {
  const { id, session: _session, ...rest } = entry;
  return {
    ...rest,
    ...itemKey(id, at.shards),
    [S.staleIndexSortKey]: entry.updatedAt,
    ...(entry.state === 'READY' && { [S.listedInAttribute]: at.replicas }),
    ...(entry.state === 'TRASHED' && {
      [S.staleIndexPartitionKey]: limboPartition(S.trashLimboValue, id, at.shards),
    }),
  };
}

/** Where an entry's item, found in a shard layout of `shards`, keeps its listed copies. */
export function placementOfItem(item: CatalogItem, shards: number): ShardPlacement {
  const replicas = item[S.listedInAttribute];
  return { shards, replicas: typeof replicas === 'number' ? replicas : 0 };
}

/** The sparse index's partition for an entry in limbo (`limbo` or `trash`), spread over the shards like the table. */
export function limboPartition(limbo: string, id: string, shards: number): string {
  return `${limbo}#${shardOf(id, shards)}`;
}

/** The trash pointer key's owner part: URI-encoded so no owner id can be a prefix of another's; empty for none. */
export function trashOwnerKey(ownerId: string | null | undefined): string {
  return ownerId ? encodeURIComponent(ownerId) : '';
}
