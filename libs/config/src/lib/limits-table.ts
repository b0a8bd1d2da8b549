import type { TableDefinition } from './table-definition';

/**
 * The limits table's key design, shared by the webapp (which counts in it) and infra (which creates it).
 * One item per counter and window (`pk`, e.g. "upload-ip#203.0.113.7#2026-12-01T09:41"), updated atomically with
 * `ADD`; `expiresAt` (epoch seconds) lets DynamoDB's TTL remove a window once it is over.
 */
export const LIMITS_TABLE_SCHEMA = {
  partitionKey: 'pk',
  /** Epoch seconds after which DynamoDB's TTL may delete the item (within about two days; no key is read after it). */
  ttlAttribute: 'expiresAt',
} as const;

/** The one definition of the limits table: the webapp creates it locally from this, the infra in AWS. */
export const LIMITS_TABLE_DEFINITION: TableDefinition = {
  billingMode: 'PAY_PER_REQUEST',
  hashKey: LIMITS_TABLE_SCHEMA.partitionKey,
  attributes: [{ name: LIMITS_TABLE_SCHEMA.partitionKey, type: 'S' }],
  globalSecondaryIndexes: [],
  ttlAttribute: LIMITS_TABLE_SCHEMA.ttlAttribute,
};
