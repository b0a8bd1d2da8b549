import type { TableDefinition } from './table-definition';

/**
 * The files table's key design, shared by the webapp (which reads and writes it) and infra (which creates it).
 * Entries spread over `shardCount` partitions, `files#<n>` with n from a hash of the id, so no one partition key
 * carries the fleet. Within a shard, each kind of item has its own sort-key range, so a query reads only what it
 * lists: entries (any state) sort by their ULID id, trash copies under `trash#` and `owner-trash#`. The listable
 * copies of READY entries live apart, in `listingReplicas` groups of `shardCount` partitions (`listed#<g>#<n>`):
 * an upload writes one copy in each group, and a page reads one group. Reads of the listing and the trash are
 * strongly consistent Queries, one per shard, merged newest first; GSIs are eventually consistent, so none serves
 * them. The sparse `limbo` index only feeds the sweeper. docs/architecture.md gives the costs and ceilings.
 */
export const FILES_TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** The prefix of the shard partitions: `files#0` .. `files#<shardCount - 1>`. */
  collection: 'files',
  /** How many shard partitions hold the catalog; changing it is a migration (`migrate-catalog --shards`). */
  shardCount: 8,
  /** The prefix of the listing's partitions: `listed#<group>#<shard>`, each copy keyed by its entry's id. */
  listedCollection: 'listed',
  /**
   * How many replica groups hold the listable copies (each group all of them, spread over `shardCount` partitions);
   * changing it is a migration (`migrate-catalog --replicas`).
   */
  listingReplicas: 2,
  /** Sort-key prefix of a READY entry's listed copy in its own shard, before the replica groups (read until moved). */
  inlineListedPrefix: 'ready#',
  /** The attribute of a READY entry that says how many replica groups hold its listed copies (absent: inline). */
  listedInAttribute: 'listedIn',
  /** Sort-key prefix of a TRASHED entry's copy in everyone's trash: `trash#<deletedAt>#<id>`. */
  trashPrefix: 'trash#',
  /** Sort-key prefix of a TRASHED entry's copy in its owner's trash: `owner-trash#<owner>#<deletedAt>#<id>`. */
  ownerTrashPrefix: 'owner-trash#',
  staleIndex: 'limbo-by-updated-at',
  /** Present only while an entry is PENDING, DELETING or TRASHED, which makes the index sparse. */
  staleIndexPartitionKey: 'limbo',
  staleIndexSortKey: 'updatedAt',
  /** The value `limbo` holds while an entry is PENDING or DELETING (`limbo#<shard>`; the stale sweep reads these). */
  limboValue: 'limbo',
  /** The value `limbo` holds while an entry is TRASHED (`trash#<shard>`; the expired-trash sweep reads these). */
  trashLimboValue: 'trash',
  /** The single partition of the layout before sharding; read too until migrate-catalog has drained it. */
  legacyCollection: 'files',
  /** The trash pointers' partition of the layout before sharding; the migration removes them. */
  legacyTrashCollection: 'trash',
  /** The partition of the layout marker (shard count, a shard move under way, whether the old partition is drained). */
  layoutCollection: 'catalog',
  layoutSortKey: 'layout',
} as const;

/** The files table's whole shape but its name: it has a sort key. */
export type FilesTableDefinition = TableDefinition & { readonly rangeKey: string };

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
