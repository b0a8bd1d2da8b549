import { DEFAULT_QUEUE_SETTINGS, LocalQueue, type QueueSettings } from './queue';
import { sqsErrors } from './sqs-error';

/** The account id in local queue URLs and ARNs. */
export const LOCAL_ACCOUNT_ID = '000000000000';
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
/** The bounds SQS puts on the attributes the local SQS honours. */
const ATTRIBUTE_BOUNDS: Record<keyof QueueSettings, [number, number]> = {
  VisibilityTimeout: [0, 43_200],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  DelaySeconds: [0, 900],
  MessageRetentionPeriod: [60, 1_209_600],
};

/** The queues of one local SQS, by name. */
export class QueueRegistry {
  private readonly queues = new Map<string, LocalQueue>();

  constructor(private readonly endpoint: () => string) {}

  /** CreateQueue: idempotent for the same attributes; QueueNameExists for different ones. */
  create(name: string, attributes: Record<string, string>): LocalQueue {
    if (name.endsWith('.fifo')) throw sqsErrors.unsupportedOperation('FIFO queues');
    if (!QUEUE_NAME.test(name))
      throw sqsErrors.invalidParameter(
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    const settings = settingsOf(attributes);
    const existing = this.queues.get(name);
    if (existing) {
      const differs = Object.keys(attributes).some(
        (k) => existing.settings[k as keyof QueueSettings] !== settings[k as keyof QueueSettings],
      );
      if (differs) throw sqsErrors.queueNameExists(name);
      return existing;
    }
    const queue = new LocalQueue(name, `${this.endpoint()}/${LOCAL_ACCOUNT_ID}/${name}`, settings);
    this.queues.set(name, queue);
    return queue;
  }

  /** The queue of that name, or QueueDoesNotExist. */
  byName(name: string): LocalQueue {
    const queue = this.queues.get(name);
    if (!queue) throw sqsErrors.queueDoesNotExist();
    return queue;
  }

  /** The queue a QueueUrl names (its path is `/<account>/<name>`), or QueueDoesNotExist. */
  byUrl(url: string): LocalQueue {
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      throw sqsErrors.invalidAddress();
    }
    const [, account, name, ...rest] = path.split('/');
    if (account !== LOCAL_ACCOUNT_ID || !name || rest.length > 0) throw sqsErrors.queueDoesNotExist();
    return this.byName(name);
  }

  /** DeleteQueue: waiting receives end empty. */
  delete(queue: LocalQueue): void {
    this.queues.delete(queue.name);
    queue.close();
  }

  /** Ends every waiting receive. */
  close(): void {
    for (const queue of this.queues.values()) queue.close();
  }
}

function settingsOf(attributes: Record<string, string>): QueueSettings {
  const settings: Record<string, number> = { ...DEFAULT_QUEUE_SETTINGS };
  for (const [name, text] of Object.entries(attributes)) {
    const bounds = ATTRIBUTE_BOUNDS[name as keyof QueueSettings] as [number, number] | undefined;
    if (!bounds) throw sqsErrors.invalidAttributeName(name);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < bounds[0] || value > bounds[1])
      throw sqsErrors.invalidParameter(`Invalid value for the parameter ${name}.`);
    settings[name] = value;
  }
  return settings as unknown as QueueSettings;
}
