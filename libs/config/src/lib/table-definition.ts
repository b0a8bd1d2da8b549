/** One attribute a table's keys use; every key attribute is a string. */
export interface TableAttribute {
  readonly name: string;
  readonly type: 'S';
}

/** A global secondary index of a table. */
export interface TableIndex {
  readonly name: string;
  readonly hashKey: string;
  readonly rangeKey: string;
  readonly projectionType: 'ALL';
}

/**
 * A DynamoDB table's whole shape but its name, in neither SDK's nor Terraform's words: the webapp creates local
 * tables from it and the infra creates the AWS ones, so the two never spell a table twice.
 */
export interface TableDefinition {
  readonly billingMode: 'PAY_PER_REQUEST';
  readonly hashKey: string;
  /** @default - no sort key */
  readonly rangeKey?: string;
  readonly attributes: readonly TableAttribute[];
  readonly globalSecondaryIndexes: readonly TableIndex[];
  /** Epoch-seconds attribute DynamoDB's TTL deletes items by. @default - no TTL */
  readonly ttlAttribute?: string;
}
