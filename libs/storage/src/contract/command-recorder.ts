import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One command a client sent: its action ("GetItem") and its input as the adapter built it. */
export interface RecordedCommand {
  readonly command: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** Records every command `client` sends from now on, into the returned list. */
export function recordCommands(client: DynamoDBDocumentClient): RecordedCommand[] {
  const recorded: RecordedCommand[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      recorded.push({
        command: String(context.commandName).replace(/Command$/, ''),
        input: { ...(args.input as object) },
      });
      return next(args);
    },
    { step: 'initialize', name: 'recordContractCommands' },
  );
  return recorded;
}

/** The reads of a base table in `recorded` that did not ask for strong consistency (index queries cannot). */
export function eventuallyConsistentReads(recorded: readonly RecordedCommand[]): RecordedCommand[] {
  return recorded.filter(({ command, input }) => {
    if (command === 'GetItem' || (command === 'Query' && !input['IndexName'])) {
      return input['ConsistentRead'] !== true;
    }
    if (command === 'BatchGetItem') {
      const tables = Object.values((input['RequestItems'] ?? {}) as Record<string, { ConsistentRead?: boolean }>);
      return tables.some((table) => table.ConsistentRead !== true);
    }
    return false;
  });
}
