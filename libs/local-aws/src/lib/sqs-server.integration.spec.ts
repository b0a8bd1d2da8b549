import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_AWS_CREDENTIALS, LOCAL_SCANNER_CREDENTIALS } from '@ha-uploads/config';
import type { RunningServer } from './local-server';
import { startSqsServer } from './sqs-server';

describe('the local SQS', () => {
  let server: RunningServer;
  const internalErrors: unknown[] = [];
  const clients: SQSClient[] = [];
  const client = (credentials: { accessKeyId: string; secretAccessKey: string }) => {
    const sqs = new SQSClient({ region: 'us-east-1', endpoint: server.endpoint, credentials, maxAttempts: 1 });
    clients.push(sqs);
    return sqs;
  };

  beforeEach(async () => {
    server = await startSqsServer({ host: '127.0.0.1', port: 0, onInternalError: (err) => internalErrors.push(err) });
  });

  afterEach(async () => {
    for (const sqs of clients.splice(0)) sqs.destroy();
    await server.close();
    expect(internalErrors.splice(0)).toEqual([]);
  });

  it('accepts the scanner identity beside the app', async () => {
    const { QueueUrl } = await client(LOCAL_AWS_CREDENTIALS).send(new CreateQueueCommand({ QueueName: 'q' }));
    const sent = client(LOCAL_SCANNER_CREDENTIALS).send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    await expect(sent).resolves.toMatchObject({ MessageId: expect.any(String) });
  });

  it('refuses a request signed with a wrong secret with 403 SignatureDoesNotMatch', async () => {
    const forged = client({ accessKeyId: LOCAL_AWS_CREDENTIALS.accessKeyId, secretAccessKey: 'wrong' });
    await expect(forged.send(new CreateQueueCommand({ QueueName: 'q' }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses an unknown access key with 403 InvalidClientTokenId', async () => {
    const stranger = client({ accessKeyId: 'SOMEONEELSE', secretAccessKey: 'x' });
    await expect(stranger.send(new CreateQueueCommand({ QueueName: 'q' }))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
  });

  it('refuses CreateQueue of an existing name with other attributes with QueueNameExists', async () => {
    const sqs = client(LOCAL_AWS_CREDENTIALS);
    await sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { VisibilityTimeout: '10' } }));
    await expect(
      sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { VisibilityTimeout: '20' } })),
    ).rejects.toMatchObject({ name: 'QueueNameExists' });
  });

  it('answers an unsigned request with 403 and keeps serving', async () => {
    const res = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' },
      body: '{}',
    });
    expect([res.status, res.headers.get('x-amzn-query-error')]).toEqual([403, 'AccessDenied;Sender']);
    await expect(client(LOCAL_AWS_CREDENTIALS).send(new CreateQueueCommand({ QueueName: 'q' }))).resolves.toBeTruthy();
  });

  it('takes nothing for a long poll whose client has gone', async () => {
    // GIVEN a long poll that is abandoned while it waits
    const sqs = client(LOCAL_AWS_CREDENTIALS);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q' }));
    const abandoned = new AbortController();
    const poll = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }), {
      abortSignal: abandoned.signal,
    });
    abandoned.abort();
    await expect(poll).rejects.toMatchObject({ name: 'AbortError' });
    // WHEN a message arrives
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'for the next' }));
    // THEN the next receive gets it on its first delivery
    const next = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5, MessageSystemAttributeNames: ['All'] }),
    );
    expect(next.Messages?.map((m) => m.Attributes?.ApproximateReceiveCount)).toEqual(['1']);
  });
});
