import type { DynamodbTableConfig } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { TableDefinition } from '@ha-uploads/config';

/** The keys, indexes, billing and TTL of a shared table definition, in Terraform's words. */
export type TableShape = Pick<
  DynamodbTableConfig,
  'billingMode' | 'hashKey' | 'rangeKey' | 'attribute' | 'globalSecondaryIndex' | 'ttl'
>;

/** Terraform's spelling of a table the webapp creates locally from the same definition. */
export function tableShape(definition: TableDefinition): TableShape {
  const indexes = definition.globalSecondaryIndexes;
  return {
    billingMode: definition.billingMode,
    hashKey: definition.hashKey,
    rangeKey: definition.rangeKey,
    attribute: definition.attributes.map((a) => ({ name: a.name, type: a.type })),
    globalSecondaryIndex:
      indexes.length > 0
        ? indexes.map((index) => ({
            name: index.name,
            hashKey: index.hashKey,
            rangeKey: index.rangeKey,
            projectionType: index.projectionType,
          }))
        : undefined,
    ttl: definition.ttlAttribute ? { attributeName: definition.ttlAttribute, enabled: true } : undefined,
  };
}
