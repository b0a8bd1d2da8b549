import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { type BehaviourTables, fileKey, rejectionOf } from './behaviour-tables';

/** Conditional writes and what they return. */
export function describeConditionalWrites(tables: () => BehaviourTables): void {
  describe('conditional writes', () => {
    const put = (key: { pk: string; sk: string }, attributes: Record<string, unknown> = {}) =>
      tables().target.dynamodb.send(new PutCommand({ TableName: tables().files, Item: { ...key, ...attributes } }));
    const updateFile = (input: Omit<UpdateCommandInput, 'TableName'>) =>
      tables().target.dynamodb.send(new UpdateCommand({ TableName: tables().files, ...input }));
    const putIfAbsent = (key: { pk: string; sk: string }, returnOnFailure?: 'ALL_OLD') =>
      tables().target.dynamodb.send(
        new PutCommand({
          TableName: tables().files,
          Item: { ...key, state: 'PENDING' },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': 'pk' },
          ...(returnOnFailure && { ReturnValuesOnConditionCheckFailure: returnOnFailure }),
        }),
      );

    it('refuses a put on an existing key with ConditionalCheckFailedException', async () => {
      const key = fileKey('put-twice', 'a');
      await putIfAbsent(key);
      const err = await rejectionOf(putIfAbsent(key));
      expect(err).toBeInstanceOf(ConditionalCheckFailedException);
    });

    it('returns the item a failed condition saw with ReturnValuesOnConditionCheckFailure ALL_OLD', async () => {
      const key = fileKey('all-old', 'a');
      await put(key, { state: 'READY', size: 7 });
      const err = await rejectionOf(putIfAbsent(key, 'ALL_OLD'));
      expect(err['Item']).toEqual({ pk: { S: key.pk }, sk: { S: 'a' }, state: { S: 'READY' }, size: { N: '7' } });
    });

    it('returns no item from a failed condition without ReturnValuesOnConditionCheckFailure', async () => {
      const key = fileKey('no-all-old', 'a');
      await put(key);
      const err = await rejectionOf(putIfAbsent(key));
      expect(err['Item']).toBeUndefined();
    });

    it('writes nothing when the condition fails', async () => {
      const key = fileKey('unchanged', 'a');
      await put(key, { state: 'READY' });
      await rejectionOf(
        updateFile({
          Key: key,
          UpdateExpression: 'SET #state = :deleting',
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':deleting': 'DELETING', ':pending': 'PENDING' },
        }),
      );
      const { Item } = await tables().target.dynamodb.send(
        new GetCommand({ TableName: tables().files, Key: key, ConsistentRead: true }),
      );
      expect(Item?.['state']).toBe('READY');
    });

    it('answers the whole new item with ReturnValues ALL_NEW', async () => {
      const key = fileKey('all-new', 'a');
      await put(key, { state: 'PENDING', name: 'a.txt' });
      const out = await updateFile({
        Key: key,
        UpdateExpression: 'SET #state = :ready REMOVE #limbo',
        ConditionExpression: 'attribute_exists(#pk) AND #state = :pending',
        ExpressionAttributeNames: { '#pk': 'pk', '#state': 'state', '#limbo': 'limbo' },
        ExpressionAttributeValues: { ':ready': 'READY', ':pending': 'PENDING' },
        ReturnValues: 'ALL_NEW',
      });
      expect(out.Attributes).toEqual({ ...key, state: 'READY', name: 'a.txt' });
    });

    it('adds to a missing number from zero and answers it with ReturnValues UPDATED_NEW', async () => {
      const out = await tables().target.dynamodb.send(
        new UpdateCommand({
          TableName: tables().limits,
          Key: { pk: 'contract-add-from-zero' },
          UpdateExpression: 'ADD #total :amount SET #expiresAt = :expiresAt',
          ExpressionAttributeNames: { '#total': 'total', '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':amount': 5, ':expiresAt': 4_102_444_800 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      expect(out.Attributes).toEqual({ total: 5, expiresAt: 4_102_444_800 });
    });

    it('refuses to set a nested map attribute while a condition on it fails', async () => {
      const key = fileKey('nested', 'a');
      await put(key, { session: { partCount: 3 } });
      const claim = (until: string, now: string) =>
        updateFile({
          Key: key,
          UpdateExpression: 'SET #session.#until = :until',
          ConditionExpression: 'attribute_not_exists(#session.#until) OR #session.#until < :now',
          ExpressionAttributeNames: { '#session': 'session', '#until': 'completingUntil' },
          ExpressionAttributeValues: { ':until': until, ':now': now },
          ReturnValues: 'ALL_NEW',
        });
      await claim('2026-12-01T10:00:00Z', '2026-12-01T09:00:00Z');
      const err = await rejectionOf(claim('2026-12-01T10:30:00Z', '2026-12-01T09:30:00Z'));
      expect(err).toBeInstanceOf(ConditionalCheckFailedException);
    });

    it('removes a nested map attribute under a condition on its value', async () => {
      const key = fileKey('nested-remove', 'a');
      await put(key, { session: { partCount: 3, completingUntil: 'mine' } });
      const out = await updateFile({
        Key: key,
        UpdateExpression: 'REMOVE #session.#until',
        ConditionExpression: '#session.#until = :until',
        ExpressionAttributeNames: { '#session': 'session', '#until': 'completingUntil' },
        ExpressionAttributeValues: { ':until': 'mine' },
        ReturnValues: 'ALL_NEW',
      });
      expect(out.Attributes?.['session']).toEqual({ partCount: 3 });
    });

    it('refuses an expression attribute name the expressions do not use', async () => {
      const err = await rejectionOf(
        updateFile({
          Key: fileKey('unused-name', 'a'),
          UpdateExpression: 'SET #state = :ready',
          ExpressionAttributeNames: { '#state': 'state', '#sk': 'sk' },
          ExpressionAttributeValues: { ':ready': 'READY' },
        }),
      );
      expect(err.name).toBe('ValidationException');
    });

    it('deletes a missing item without an error', async () => {
      await expect(
        tables().target.dynamodb.send(new DeleteCommand({ TableName: tables().files, Key: fileKey('never', 'a') })),
      ).resolves.toBeDefined();
    });
  });
}
