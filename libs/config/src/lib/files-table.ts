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
  /** The value `limbo` holds while an entry is PENDING or DELETING (the stale sweep reads these). */
  limboValue: 'limbo',
  /** The value `limbo` holds while an entry is TRASHED (the expired-trash sweep reads these). */
  trashLimboValue: 'trash',
  /**
   * The partition of trash pointers: one item per deleted file, sort key `<owner>#<id>`, so an owner's "Recently
   * deleted" is a strongly consistent Query (a GSI would lag) and needs no new index.
   */
  trashCollection: 'trash',
} as const;

/** One attribute the table's keys use; every key attribute is a string. */
export interface FilesTableAttribute {
  readonly name: string;
  readonly type: 'S';
}

/** A global secondary index of the files table. */
export interface FilesTableIndex {
  readonly name: string;
  readonly hashKey: string;
  readonly rangeKey: string;
  readonly projectionType: 'ALL';
}

/** The files table's whole shape but its name, in neither SDK's nor Terraform's words. */
export interface FilesTableDefinition {
  readonly billingMode: 'PAY_PER_REQUEST';
  readonly hashKey: string;
  readonly rangeKey: string;
  readonly attributes: readonly FilesTableAttribute[];
  readonly globalSecondaryIndexes: readonly FilesTableIndex[];
}

const S = FILES_TABLE_SCHEMA;

/**
 * The one definition of the files table: the webapp's ensure-resources creates it locally from this, and the
 * infra's file-storage construct creates it in AWS from this.
 */
export const FILES_TABLE_DEFINITION: FilesTableDefinition = {
  billingMode: 'PAY_PER_REQUEST',
  hashKey: S.partitionKey,
  rangeKey: S.sortKey,
  attributes: [
    { name: S.partitionKey, type: 'S' },
    { name: S.sortKey, type: 'S' },
    { name: S.staleIndexPartitionKey, type: 'S' },
    { name: S.staleIndexSortKey, type: 'S' },
  ],
  globalSecondaryIndexes: [
    // The sweeper needs whole entries (object key, state); the index stays small because it is sparse.
    { name: S.staleIndex, hashKey: S.staleIndexPartitionKey, rangeKey: S.staleIndexSortKey, projectionType: 'ALL' },
  ],
};
