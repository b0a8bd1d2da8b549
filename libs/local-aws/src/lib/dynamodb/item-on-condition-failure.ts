import type { DynaliteLink } from './dynalite-link';
import { type DynamoDbReply, errorType, type JsonObject, parseObject } from './dynamodb-reply';
import { pickKey, tableKeyNames } from './table-keys';

/**
 * Adds the item a failed condition saw to a ConditionalCheckFailedException, as AWS does for a single write sent
 * with ReturnValuesOnConditionCheckFailure: ALL_OLD (dynalite ignores the parameter). The caller holds the store
 * exclusively, so the item read is the one the condition saw.
 */
export async function withItemOnConditionFailure(
  link: DynaliteLink,
  request: JsonObject,
  reply: DynamoDbReply,
): Promise<DynamoDbReply> {
  if (errorType(reply) !== 'ConditionalCheckFailedException') return reply;
  const table = request['TableName'] as string;
  const key = request['Key'] ?? pickKey(request['Item'] as JsonObject, await tableKeyNames(link, table));
  const { Item } = await link.callOk('GetItem', { TableName: table, Key: key, ConsistentRead: true });
  return Item ? { ...reply, body: JSON.stringify({ ...parseObject(reply.body), Item }) } : reply;
}
