import { createHash } from 'node:crypto';
import { DynaliteError, type DynaliteLink } from './dynalite-link';
import { type DynamoDbReply, errorReply, errorType, type JsonObject, okReply, parseObject } from './dynamodb-reply';
import { addUnits, consumedCapacity, soleOperation, transactionItems } from './transaction-request';
import { itemIdentity, pickKey, tableKeyNames } from './table-keys';

const KINDS = ['ConditionCheck', 'Put', 'Update', 'Delete'] as const;
/** The dynalite action each kind is applied with; a ConditionCheck is a conditional delete that is always undone. */
const ACTIONS: Record<string, string> = {
  ConditionCheck: 'DeleteItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
};
const CONDITION = ['ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'];
const PASSED_ON: Record<string, readonly string[]> = {
  ConditionCheck: CONDITION,
  Put: ['Item', ...CONDITION],
  Update: ['UpdateExpression', ...CONDITION],
  Delete: CONDITION,
};
/** What each kind must carry, as AWS requires. */
const REQUIRED: Record<string, readonly string[]> = {
  ConditionCheck: ['Key', 'ConditionExpression'],
  Put: ['Item'],
  Update: ['Key', 'UpdateExpression'],
  Delete: ['Key'],
};
/** How long AWS remembers a ClientRequestToken. */
const TOKEN_LIFETIME_MS = 10 * 60_000;

interface Operation {
  readonly kind: string;
  readonly input: JsonObject;
  readonly table: string;
  readonly key: JsonObject;
}

interface AppliedWrite {
  readonly operation: Operation;
  /** The item before the write, if there was one. */
  readonly before?: JsonObject;
}

/**
 * TransactWriteItems on dynalite: the caller holds the store exclusively, so each operation is applied in turn and
 * every applied one is undone when any condition fails; a ConditionCheck is undone either way.
 */
export class TransactionWriter {
  private readonly tokens = new Map<string, { readonly fingerprint: string; readonly at: number }>();

  constructor(
    private readonly link: DynaliteLink,
    private readonly now: () => number = Date.now,
  ) {}

  /** Answers one TransactWriteItems request as AWS would. */
  async write(request: JsonObject): Promise<DynamoDbReply> {
    const items = transactionItems(request);
    if (!Array.isArray(items)) return items;
    const token = request['ClientRequestToken'];
    const fingerprint = createHash('sha256').update(JSON.stringify(items)).digest('hex');
    if (typeof token === 'string') {
      const seen = this.rememberedToken(token);
      if (seen && seen.fingerprint !== fingerprint) {
        return errorReply(
          'IdempotentParameterMismatchException',
          'The request uses the same client token as a previous, but non-identical request.',
        );
      }
      // The same request again within the token's lifetime: it succeeded once, so it succeeds without writing again.
      if (seen) return okReply({});
    }
    const operations = await this.operations(items);
    if (!Array.isArray(operations)) return operations;
    const reply = await this.apply(operations, request['ReturnConsumedCapacity']);
    if (typeof token === 'string' && reply.status === 200) this.tokens.set(token, { fingerprint, at: this.now() });
    return reply;
  }

  private async operations(items: readonly JsonObject[]): Promise<Operation[] | DynamoDbReply> {
    const operations: Operation[] = [];
    const targets = new Set<string>();
    for (const item of items) {
      const operation = await this.operationOf(item);
      if (!('kind' in operation)) return operation;
      const identity = itemIdentity(operation.table, operation.key);
      if (targets.has(identity)) {
        return errorReply('ValidationException', 'Transaction request cannot include multiple operations on one item');
      }
      targets.add(identity);
      operations.push(operation);
    }
    return operations;
  }

  // One TransactItems member as an operation on one key, or the ValidationException AWS gives a malformed one.
  private async operationOf(item: JsonObject): Promise<Operation | DynamoDbReply> {
    const sole = soleOperation(item, KINDS);
    if (!sole) {
      const kinds = 'ConditionCheck, Put, Update or Delete';
      return errorReply('ValidationException', `Each TransactItems member must name one of ${kinds}, with a TableName`);
    }
    const [kind, input] = sole;
    const table = input['TableName'] as string;
    const missing = REQUIRED[kind].filter((name) => !isPresent(input[name]));
    if (missing.length > 0) return errorReply('ValidationException', `A ${kind} must carry ${missing.join(' and ')}`);
    if (kind !== 'Put') return { kind, input, table, key: input['Key'] as JsonObject };
    try {
      return { kind, input, table, key: pickKey(input['Item'] as JsonObject, await tableKeyNames(this.link, table)) };
    } catch (err) {
      if (err instanceof DynaliteError) return err.reply;
      throw err;
    }
  }

  private async apply(operations: readonly Operation[], capacityMode: unknown): Promise<DynamoDbReply> {
    const applied: AppliedWrite[] = [];
    const reasons: JsonObject[] = [];
    const units = new Map<string, number>();
    try {
      for (const operation of operations) {
        const reply = await this.link.call(ACTIONS[operation.kind], this.writeInput(operation));
        const type = errorType(reply);
        if (type === undefined) {
          const out = parseObject(reply.body) ?? {};
          applied.push({ operation, before: out['Attributes'] as JsonObject | undefined });
          // A transactional write costs twice a plain one.
          addUnits(
            units,
            operation.table,
            2 * Number((out['ConsumedCapacity'] as JsonObject | undefined)?.['CapacityUnits'] ?? 1),
          );
          reasons.push({ Code: 'None' });
        } else if (type === 'ConditionalCheckFailedException') {
          reasons.push({
            Code: 'ConditionalCheckFailed',
            Message: 'The conditional request failed',
            ...(await this.itemOnFailure(operation)),
          });
        } else {
          // A malformed operation fails the whole call with its own error, as on AWS.
          await this.undo(applied, true);
          return reply;
        }
      }
    } catch (err) {
      await this.undo(applied, true);
      throw err;
    }
    const cancelled = reasons.some((reason) => reason['Code'] !== 'None');
    await this.undo(applied, cancelled);
    if (cancelled) {
      const codes = reasons.map((reason) => reason['Code']).join(', ');
      return errorReply(
        'TransactionCanceledException',
        `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
        {
          CancellationReasons: reasons,
        },
      );
    }
    const capacity = consumedCapacity(capacityMode, units);
    return okReply(capacity ? { ConsumedCapacity: capacity } : {});
  }

  private writeInput(operation: Operation): JsonObject {
    const passed = PASSED_ON[operation.kind].filter((name) => operation.input[name] !== undefined);
    return {
      TableName: operation.table,
      ...(operation.kind !== 'Put' && { Key: operation.key }),
      ...Object.fromEntries(passed.map((name) => [name, operation.input[name]])),
      ReturnValues: 'ALL_OLD',
      ReturnConsumedCapacity: 'TOTAL',
    };
  }

  // The item a failed condition saw, when the operation asked for it (the store is held, so it is still that item).
  private async itemOnFailure(operation: Operation): Promise<JsonObject> {
    if (operation.input['ReturnValuesOnConditionCheckFailure'] !== 'ALL_OLD') return {};
    const out = await this.link.callOk('GetItem', {
      TableName: operation.table,
      Key: operation.key,
      ConsistentRead: true,
    });
    return out['Item'] ? { Item: out['Item'] } : {};
  }

  // Puts back what was there before, newest first; ConditionChecks always, the rest only when `all`.
  private async undo(applied: readonly AppliedWrite[], all: boolean): Promise<void> {
    for (const { operation, before } of [...applied].reverse()) {
      if (!all && operation.kind !== 'ConditionCheck') continue;
      if (before) await this.link.callOk('PutItem', { TableName: operation.table, Item: before });
      else if (operation.kind !== 'ConditionCheck')
        await this.link.callOk('DeleteItem', { TableName: operation.table, Key: operation.key });
    }
  }

  private rememberedToken(token: string): { readonly fingerprint: string } | undefined {
    const cutoff = this.now() - TOKEN_LIFETIME_MS;
    for (const [known, seen] of this.tokens) if (seen.at < cutoff) this.tokens.delete(known);
    return this.tokens.get(token);
  }
}

function isPresent(value: unknown): boolean {
  return typeof value === 'string'
    ? value.length > 0
    : typeof value === 'object' && value !== null && !Array.isArray(value);
}
