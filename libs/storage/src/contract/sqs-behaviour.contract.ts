import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SqsTarget } from './sqs-targets';

/** A long poll that is not woken by the send would outlast this test timeout (ms). */
const WAKE_TIMEOUT_MS = 15_000;

/**
 * Every SQS behaviour the scan-result drainer relies on, one test each, against the SQS `getTarget` opens: the
 * local SQS on every npm test, real AWS under storage:contract-aws.
 */
export function describeSqsBehaviourContract(getTarget: () => Promise<SqsTarget>): void {
  describe('SQS behaviour', () => {
    let target: SqsTarget;
    let sqs: SQSClient;

    beforeAll(async () => {
      target = await getTarget();
      sqs = target.sqs;
    });

    afterAll(async () => {
      await target?.stop();
    });

    const receive = (QueueUrl: string, options: { wait: number; visibility?: number; max?: number }) =>
      sqs
        .send(
          new ReceiveMessageCommand({
            QueueUrl,
            WaitTimeSeconds: options.wait,
            VisibilityTimeout: options.visibility,
            MaxNumberOfMessages: options.max,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
        )
        .then((out) => out.Messages ?? []);

    it('delivers a sent message with its body and a receive count of 1', async () => {
      const queue = await target.createQueue();
      await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: '{"hello":"world"}' }));
      const [message] = await receive(queue, { wait: 5 });
      expect(message).toMatchObject({ Body: '{"hello":"world"}', Attributes: { ApproximateReceiveCount: '1' } });
    });

    it(
      'wakes a waiting long poll when a message is sent',
      async () => {
        const queue = await target.createQueue();
        const polled = receive(queue, { wait: 20 });
        await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'wake' }));
        expect((await polled).map((m) => m.Body)).toEqual(['wake']);
      },
      WAKE_TIMEOUT_MS,
    );

    it('hides a received message for its visibility timeout, then delivers it again', async () => {
      const queue = await target.createQueue();
      await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'again' }));
      const [first] = await receive(queue, { wait: 5, visibility: 2 });
      expect(await receive(queue, { wait: 0 })).toEqual([]);
      const [second] = await receive(queue, { wait: 20 });
      expect(second).toMatchObject({ MessageId: first.MessageId, Attributes: { ApproximateReceiveCount: '2' } });
      expect(second.ReceiptHandle).not.toBe(first.ReceiptHandle);
    });

    it('never delivers a message again once deleted by its receipt handle', async () => {
      const queue = await target.createQueue();
      await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'once' }));
      const [message] = await receive(queue, { wait: 5, visibility: 1 });
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queue, ReceiptHandle: message.ReceiptHandle }));
      // Longer than the visibility timeout: a message not deleted would be back.
      expect(await receive(queue, { wait: 3 })).toEqual([]);
    });

    it('makes a message visible again at once when its visibility is changed to 0', async () => {
      const queue = await target.createQueue();
      await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'back' }));
      const [message] = await receive(queue, { wait: 5, visibility: 600 });
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queue,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
      expect((await receive(queue, { wait: 5 })).map((m) => m.MessageId)).toEqual([message.MessageId]);
    });

    it('returns at most MaxNumberOfMessages messages', async () => {
      const queue = await target.createQueue();
      for (const body of ['a', 'b', 'c'])
        await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: body }));
      const messages = await receive(queue, { wait: 5, max: 2 });
      expect(messages.length).toBeGreaterThanOrEqual(1);
      expect(messages.length).toBeLessThanOrEqual(2);
    });

    it('refuses MaxNumberOfMessages over 10 with 400', async () => {
      const queue = await target.createQueue();
      await expect(receive(queue, { wait: 0, max: 11 })).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
    });

    it('answers GetQueueUrl of a missing queue with QueueDoesNotExist', async () => {
      await expect(
        sqs.send(new GetQueueUrlCommand({ QueueName: `missing-${Date.now().toString(36)}` })),
      ).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
    });

    it('refuses a receipt handle it never issued with ReceiptHandleIsInvalid', async () => {
      const queue = await target.createQueue();
      await expect(
        sqs.send(new DeleteMessageCommand({ QueueUrl: queue, ReceiptHandle: 'not-a-handle' })),
      ).rejects.toMatchObject({ name: 'ReceiptHandleIsInvalid' });
    });
  });
}
