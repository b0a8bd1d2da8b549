import { type DynamoDbReply, errorReply, type JsonObject } from './dynamodb-reply';

/** The most items one TransactWriteItems or TransactGetItems call may hold, as on AWS. */
export const MAX_TRANSACTION_ITEMS = 100;

/** The items of a transaction request, or the ValidationException AWS gives a malformed one. */
export function transactionItems(request: JsonObject): JsonObject[] | DynamoDbReply {
  const items = request['TransactItems'];
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_TRANSACTION_ITEMS) {
    return errorReply(
      'ValidationException',
      "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: " +
        `Member must have length between 1 and ${MAX_TRANSACTION_ITEMS}`,
    );
  }
  if (items.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))) {
    return errorReply('ValidationException', 'Every member of TransactItems must be an object');
  }
  return items as JsonObject[];
}

/** The one operation a transaction item names (e.g. ['Put', {...}]), or undefined when it names none or several. */
export function soleOperation(item: JsonObject, kinds: readonly string[]): [string, JsonObject] | undefined {
  const named = kinds.filter((kind) => item[kind] !== undefined);
  const operation = named.length === 1 ? item[named[0]] : undefined;
  if (typeof operation !== 'object' || operation === null || typeof (operation as JsonObject)['TableName'] !== 'string')
    return undefined;
  return [named[0], operation as JsonObject];
}

/** Sums per-table capacity units into DynamoDB's ConsumedCapacity list, or undefined when none was asked for. */
export function consumedCapacity(mode: unknown, unitsByTable: ReadonlyMap<string, number>): JsonObject[] | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  return [...unitsByTable].map(([TableName, CapacityUnits]) => ({
    TableName,
    CapacityUnits,
    ...(mode === 'INDEXES' && { Table: { CapacityUnits } }),
  }));
}

/** Adds `units` to the table's running total. */
export function addUnits(unitsByTable: Map<string, number>, table: string, units: number): void {
  unitsByTable.set(table, (unitsByTable.get(table) ?? 0) + units);
}
