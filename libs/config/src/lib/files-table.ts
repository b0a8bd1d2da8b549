/**
 * The files table's key design, shared by the webapp (which reads and writes it) and infra (which creates it).
 * All files share one partition (`pk` = "files") and sort by their ULID id (`sk`), so listing is a strongly
 * consistent Query that reads one page whatever the table size. GSIs are eventually consistent, so none
 * serves the listing; the sparse `limbo` index only feeds the sweeper, which waits a grace period anyway.
 */
export const FILES_TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** The one collection partition every file lives in. */
  collection: 'files',
  staleIndex: 'limbo-by-updated-at',
  /** Present only while an entry is PENDING or DELETING, which makes the index sparse. */
  staleIndexPartitionKey: 'limbo',
  staleIndexSortKey: 'updatedAt',
  /** The value `limbo` holds while set. */
  limboValue: 'limbo',
} as const;
