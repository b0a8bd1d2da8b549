import type { DynaliteLink } from './dynalite-link';
import type { JsonObject } from './dynamodb-reply';

/** The key attribute names of `table` (throws DynaliteError, e.g. ResourceNotFoundException, when it has none). */
export async function tableKeyNames(link: DynaliteLink, table: string): Promise<string[]> {
  const { Table } = (await link.callOk('DescribeTable', { TableName: table })) as {
    Table?: { KeySchema?: { AttributeName: string }[] };
  };
  return (Table?.KeySchema ?? []).map((key) => key.AttributeName);
}

/** The key attributes of `item`. */
export function pickKey(item: JsonObject, keyNames: readonly string[]): JsonObject {
  return Object.fromEntries(keyNames.map((name) => [name, item[name]]));
}

/** One string per item: the table and its key, so two operations on one item compare equal. */
export function itemIdentity(table: string, key: JsonObject): string {
  return JSON.stringify([
    table,
    Object.keys(key)
      .sort()
      .map((name) => [name, key[name]]),
  ]);
}
