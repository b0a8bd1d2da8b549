import type { DynaliteLink } from './dynalite-link';
import { type DynamoDbReply, errorReply, errorType, type JsonObject, okReply, parseObject } from './dynamodb-reply';
import { addUnits, consumedCapacity, soleOperation, transactionItems } from './transaction-request';

const PASSED_ON = ['TableName', 'Key', 'ProjectionExpression', 'ExpressionAttributeNames'] as const;

/** Answers one TransactGetItems request; the caller holds the store exclusively, so the reads see one state. */
export async function transactGetItems(link: DynaliteLink, request: JsonObject): Promise<DynamoDbReply> {
  const items = transactionItems(request);
  if (!Array.isArray(items)) return items;
  const gets: JsonObject[] = [];
  for (const item of items) {
    const sole = soleOperation(item, ['Get']);
    if (!sole) return errorReply('ValidationException', 'Each TransactItems member must be a Get with a TableName');
    gets.push(sole[1]);
  }
  const responses: JsonObject[] = [];
  const units = new Map<string, number>();
  for (const get of gets) {
    const input = Object.fromEntries(
      PASSED_ON.filter((name) => get[name] !== undefined).map((name) => [name, get[name]]),
    );
    const reply = await link.call('GetItem', { ...input, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' });
    if (errorType(reply) !== undefined) return reply;
    const out = parseObject(reply.body) ?? {};
    responses.push(out['Item'] ? { Item: out['Item'] } : {});
    // A transactional read costs twice a strongly consistent one.
    addUnits(
      units,
      get['TableName'] as string,
      2 * Number((out['ConsumedCapacity'] as JsonObject | undefined)?.['CapacityUnits'] ?? 1),
    );
  }
  const capacity = consumedCapacity(request['ReturnConsumedCapacity'], units);
  return okReply({ Responses: responses, ...(capacity && { ConsumedCapacity: capacity }) });
}
