/**
 * The webapp's key design for the files table, mirrored from apps/webapp/src/storage/files-table.ts
 * (an app cannot import another app). All files live in one `pk` partition sorted by `sk`; the sparse
 * `limbo` index holds only PENDING/DELETING entries for the sweeper.
 */
export const FILES_TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  staleIndex: 'limbo-by-updated-at',
  staleIndexPartitionKey: 'limbo',
  staleIndexSortKey: 'updatedAt',
} as const;
