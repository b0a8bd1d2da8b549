import { LOCAL_ACCOUNT_ID, type QueueRegistry } from './queue-registry';
import type { LocalQueue, StoredMessage } from './queue';
import { sqsErrors } from './sqs-error';
import { boundedInt, requiredString, stringList, stringMap, type SqsInput } from './sqs-params';

/** One action: its JSON input, the server's queues, and a signal aborted when the client goes away. */
export type SqsAction = (input: SqsInput, queues: QueueRegistry, signal: AbortSignal) => Promise<object> | object;

/** SQS's largest message body (1 MiB). */
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** The characters SQS allows in a message body. */
const MESSAGE_TEXT = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const SYSTEM_ATTRIBUTES = ['ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp', 'SentTimestamp'];

const queueOf = (input: SqsInput, queues: QueueRegistry): LocalQueue => queues.byUrl(requiredString(input, 'QueueUrl'));

/** The actions of the AWS JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<name>`) the local SQS serves. */
export const SQS_ACTIONS: Readonly<Record<string, SqsAction>> = {
  CreateQueue: (input, queues) => ({
    QueueUrl: queues.create(requiredString(input, 'QueueName'), stringMap(input, 'Attributes')).url,
  }),
  GetQueueUrl: (input, queues) => ({ QueueUrl: queues.byName(requiredString(input, 'QueueName')).url }),
  DeleteQueue: (input, queues) => {
    queues.delete(queueOf(input, queues));
    return {};
  },
  PurgeQueue: (input, queues) => {
    queueOf(input, queues).purge();
    return {};
  },
  GetQueueAttributes: (input, queues) => {
    const all = queueAttributes(queueOf(input, queues));
    const names = stringList(input, 'AttributeNames');
    const picked = names.includes('All')
      ? all
      : Object.fromEntries(names.filter((n) => n in all).map((n) => [n, all[n]]));
    return { Attributes: picked };
  },
  SendMessage: (input, queues) => {
    const queue = queueOf(input, queues);
    const body = requiredString(input, 'MessageBody');
    if (input.MessageAttributes !== undefined || input.MessageSystemAttributes !== undefined)
      throw sqsErrors.unsupportedOperation('message attributes');
    if (body.length === 0 || Buffer.byteLength(body) > MAX_MESSAGE_BYTES)
      throw sqsErrors.invalidParameter(`Message must be between 1 and ${MAX_MESSAGE_BYTES} bytes long.`);
    if (!MESSAGE_TEXT.test(body)) throw sqsErrors.invalidMessageContents();
    const delay = boundedInt(input, 'DelaySeconds', 0, 900, queue.settings.DelaySeconds);
    const message = queue.send(body, delay);
    return { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody };
  },
  ReceiveMessage: async (input, queues, signal) => {
    const queue = queueOf(input, queues);
    const max = boundedInt(input, 'MaxNumberOfMessages', 1, 10, 1);
    const visibility = boundedInt(input, 'VisibilityTimeout', 0, 43_200, queue.settings.VisibilityTimeout);
    const wait = boundedInt(input, 'WaitTimeSeconds', 0, 20, queue.settings.ReceiveMessageWaitTimeSeconds);
    const names = [...stringList(input, 'MessageSystemAttributeNames'), ...stringList(input, 'AttributeNames')];
    const wanted = names.includes('All') ? SYSTEM_ATTRIBUTES : SYSTEM_ATTRIBUTES.filter((n) => names.includes(n));
    const messages = await queue.receive({
      max,
      visibilityTimeoutSeconds: visibility,
      deadline: Date.now() + wait * 1000,
      signal,
    });
    return messages.length === 0 ? {} : { Messages: messages.map((m) => received(m, wanted)) };
  },
  DeleteMessage: (input, queues) => {
    queueOf(input, queues).delete(requiredString(input, 'ReceiptHandle'));
    return {};
  },
  ChangeMessageVisibility: (input, queues) => {
    const queue = queueOf(input, queues);
    const handle = requiredString(input, 'ReceiptHandle');
    if (input.VisibilityTimeout === undefined) throw sqsErrors.missingParameter('VisibilityTimeout');
    queue.changeVisibility(handle, boundedInt(input, 'VisibilityTimeout', 0, 43_200, 0));
    return {};
  },
};

function received(message: StoredMessage, wanted: readonly string[]): object {
  const all: Record<string, string> = {
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? ''),
    SentTimestamp: String(message.sentAt),
  };
  const attributes = Object.fromEntries(wanted.map((name) => [name, all[name]]));
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(wanted.length > 0 && { Attributes: attributes }),
  };
}

function queueAttributes(queue: LocalQueue): Record<string, string> {
  const counts = queue.counts();
  return {
    QueueArn: `arn:aws:sqs:us-east-1:${LOCAL_ACCOUNT_ID}:${queue.name}`,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    ...Object.fromEntries(Object.entries(queue.settings).map(([k, v]) => [k, String(v)])),
  };
}
