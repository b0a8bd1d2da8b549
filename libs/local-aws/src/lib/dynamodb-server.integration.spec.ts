import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDbServer, type RunningDynamoDbServer } from './dynamodb-server';

const TABLE = 'items';
const clientFor = (server: RunningDynamoDbServer) =>
  new DynamoDBClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
const key = (id: string) => ({ id: { S: id } });

async function startWithTable(options: { path?: string; ttlDeletionDelayMs?: number } = {}) {
  const server = await startDynamoDbServer({ host: '127.0.0.1', port: 0, ttlPassIntervalMs: 0, ...options });
  const db = clientFor(server);
  await db.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  return { server, db };
}

/** A server with the table for the tests of one describe block, started before them and closed after. */
function serverWithTable(
  options: { ttlDeletionDelayMs?: number } = {},
): () => { server: RunningDynamoDbServer; db: DynamoDBClient } {
  let started: { server: RunningDynamoDbServer; db: DynamoDBClient } | undefined;
  beforeAll(async () => {
    started = await startWithTable(options);
  });
  afterAll(async () => {
    started?.db.destroy();
    await started?.server.close();
  });
  return () => {
    if (!started) throw new Error('the server did not start');
    return started;
  };
}

/** Sends raw bytes to the server and resolves with the status and body. */
function rawPost(
  server: RunningDynamoDbServer,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.endpoint}/`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('startDynamoDbServer transactions', () => {
  const started = serverWithTable();

  it('undoes a put applied before a later condition failed', async () => {
    // GIVEN an item whose condition will fail, after a put to a new item
    await started().db.send(new PutItemCommand({ TableName: TABLE, Item: { ...key('undo-b'), n: { N: '1' } } }));
    // WHEN
    const cancelled = started().db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { ...key('undo-a'), n: { N: '1' } } } },
          {
            ConditionCheck: {
              TableName: TABLE,
              Key: key('undo-b'),
              ConditionExpression: 'n = :two',
              ExpressionAttributeValues: { ':two': { N: '2' } },
            },
          },
        ],
      }),
    );
    // THEN
    await expect(cancelled).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(
      (await started().db.send(new GetItemCommand({ TableName: TABLE, Key: key('undo-a'), ConsistentRead: true })))
        .Item,
    ).toBeUndefined();
  });

  it('leaves the item of a passed condition check in place', async () => {
    await started().db.send(new PutItemCommand({ TableName: TABLE, Item: { ...key('checked'), n: { N: '1' } } }));
    await started().db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { ConditionCheck: { TableName: TABLE, Key: key('checked'), ConditionExpression: 'attribute_exists(id)' } },
          { Put: { TableName: TABLE, Item: key('beside-checked') } },
        ],
      }),
    );
    const { Item } = await started().db.send(
      new GetItemCommand({ TableName: TABLE, Key: key('checked'), ConsistentRead: true }),
    );
    expect(Item).toEqual({ ...key('checked'), n: { N: '1' } });
  });

  it('refuses two operations on one item', async () => {
    const twice = started().db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: key('twice') } },
          { Delete: { TableName: TABLE, Key: key('twice') } },
        ],
      }),
    );
    await expect(twice).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses a condition check without a condition', async () => {
    // The SDK's types require the condition; the cast sends what a careless client could.
    const unchecked = started().db.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ ConditionCheck: { TableName: TABLE, Key: key('unchecked') } as never }],
      }),
    );
    await expect(unchecked).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses a reused client token with another request', async () => {
    const put = (id: string) =>
      new TransactWriteItemsCommand({
        ClientRequestToken: 'token-1',
        TransactItems: [{ Put: { TableName: TABLE, Item: key(id) } }],
      });
    await started().db.send(put('token-a'));
    await expect(started().db.send(put('token-b'))).rejects.toMatchObject({
      name: 'IdempotentParameterMismatchException',
    });
  });

  it('answers a repeated client token without writing again', async () => {
    const put = new TransactWriteItemsCommand({
      ClientRequestToken: 'token-2',
      TransactItems: [{ Put: { TableName: TABLE, Item: { ...key('once'), n: { N: '1' } } } }],
    });
    await started().db.send(put);
    await started().db.send(new PutItemCommand({ TableName: TABLE, Item: { ...key('once'), n: { N: '2' } } }));
    await started().db.send(put);
    const { Item } = await started().db.send(
      new GetItemCommand({ TableName: TABLE, Key: key('once'), ConsistentRead: true }),
    );
    expect(Item?.['n']).toEqual({ N: '2' });
  });
});

describe('startDynamoDbServer time to live', () => {
  const nowSeconds = 1_900_000_000;
  const at = (seconds: number) => new Date(seconds * 1000);
  const started = serverWithTable({ ttlDeletionDelayMs: 60_000 });
  beforeAll(async () => {
    await started().db.send(
      new UpdateTimeToLiveCommand({
        TableName: TABLE,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
  });

  it('keeps an expired item until the deletion delay has passed', async () => {
    await started().db.send(
      new PutItemCommand({ TableName: TABLE, Item: { ...key('recent'), expiresAt: { N: String(nowSeconds - 30) } } }),
    );
    expect(await started().server.removeExpiredItems(at(nowSeconds))).toBe(0);
  });

  it('deletes an item expired for longer than the delay', async () => {
    await started().db.send(
      new PutItemCommand({ TableName: TABLE, Item: { ...key('old'), expiresAt: { N: String(nowSeconds - 120) } } }),
    );
    await started().server.removeExpiredItems(at(nowSeconds));
    expect(
      (await started().db.send(new GetItemCommand({ TableName: TABLE, Key: key('old'), ConsistentRead: true }))).Item,
    ).toBeUndefined();
  });

  it('ignores an expiry attribute that is not a number', async () => {
    await started().db.send(new PutItemCommand({ TableName: TABLE, Item: { ...key('text'), expiresAt: { S: '1' } } }));
    await started().server.removeExpiredItems(at(nowSeconds));
    expect(
      (await started().db.send(new GetItemCommand({ TableName: TABLE, Key: key('text'), ConsistentRead: true }))).Item,
    ).toBeDefined();
  });

  it('refuses to enable TTL twice', async () => {
    const again = started().db.send(
      new UpdateTimeToLiveCommand({
        TableName: TABLE,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
    await expect(again).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('startDynamoDbServer persistence', () => {
  it('keeps the TTL setting across a restart on the same path', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'local-dynamodb-'));
    const first = await startWithTable({ path: dir });
    await first.db.send(
      new UpdateTimeToLiveCommand({
        TableName: TABLE,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
    first.db.destroy();
    await first.server.close();
    const second = await startDynamoDbServer({ host: '127.0.0.1', port: 0, path: dir, ttlPassIntervalMs: 0 });
    const db = clientFor(second);
    const { TimeToLiveDescription } = await db.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
    db.destroy();
    await second.close();
    await rm(dir, { recursive: true, force: true });
    expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('refuses to start on TTL settings that are not JSON, naming the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'local-dynamodb-'));
    await writeFile(path.join(dir, 'local-aws-ttl.json'), 'not json');
    const started = startDynamoDbServer({ host: '127.0.0.1', port: 0, path: dir, ttlPassIntervalMs: 0 });
    await expect(started).rejects.toThrow(
      `TTL settings in ${path.join(dir, 'local-aws-ttl.json')} are not a JSON object`,
    );
    await rm(dir, { recursive: true, force: true });
  });
});

describe('startDynamoDbServer bad input', () => {
  const started = serverWithTable();
  const signed = (action: string) => ({
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `DynamoDB_20120810.${action}`,
    'x-amz-date': '20260101T000000Z',
    authorization:
      'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    const reply = await rawPost(started().server, '{not json', signed('TransactWriteItems'));
    expect({ status: reply.status, type: JSON.parse(reply.body).__type }).toEqual({
      status: 400,
      type: 'com.amazon.coral.service#SerializationException',
    });
  });

  it('answers a JSON body that is not an object with SerializationException, where dynalite would crash', async () => {
    const reply = await rawPost(started().server, 'null', signed('GetItem'));
    expect({ status: reply.status, type: JSON.parse(reply.body).__type }).toEqual({
      status: 400,
      type: 'com.amazon.coral.service#SerializationException',
    });
  });

  it('refuses a transaction without credentials', async () => {
    const { authorization: _dropped, ...unsigned } = signed('TransactGetItems');
    const reply = await rawPost(started().server, '{"TransactItems":[]}', unsigned);
    expect(JSON.parse(reply.body).__type).toBe('com.amazon.coral.service#MissingAuthenticationTokenException');
  });

  it('keeps serving after a client drops its connection mid-body', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${started().server.endpoint}/`, {
        method: 'POST',
        headers: { ...signed('PutItem'), 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('{"TableName":', () => {
        req.destroy();
        resolve();
      });
    });
    await started().db.send(new PutItemCommand({ TableName: TABLE, Item: key('after-drop') }));
    expect(
      (await started().db.send(new GetItemCommand({ TableName: TABLE, Key: key('after-drop'), ConsistentRead: true })))
        .Item,
    ).toEqual(key('after-drop'));
  });

  it('answers an item list that is not a list with ValidationException', async () => {
    const reply = await rawPost(started().server, '{"TransactItems":{"Put":{}}}', signed('TransactWriteItems'));
    expect(JSON.parse(reply.body).__type).toBe('com.amazon.coral.validate#ValidationException');
  });
});
