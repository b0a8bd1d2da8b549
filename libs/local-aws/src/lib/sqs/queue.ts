import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sqsErrors } from './sqs-error';

/** The queue attributes the local SQS honours, in seconds (as SQS names and bounds them). */
export interface QueueSettings {
  readonly VisibilityTimeout: number;
  readonly ReceiveMessageWaitTimeSeconds: number;
  readonly DelaySeconds: number;
  readonly MessageRetentionPeriod: number;
}

/** SQS's defaults for a new standard queue. */
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  VisibilityTimeout: 30,
  ReceiveMessageWaitTimeSeconds: 0,
  DelaySeconds: 0,
  MessageRetentionPeriod: 345_600,
};

/** One message, with the state SQS keeps for it. */
export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly sentAt: number;
  /** Not receivable before this time (a delay, or the visibility timeout of a receive). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The handle of the latest receive; only it deletes or changes the message, as on SQS. */
  receiptHandle?: string;
}

/** A receive's options: how many messages, hidden for how long, waiting at most until `deadline` (epoch ms). */
export interface ReceiveOptions {
  readonly max: number;
  readonly visibilityTimeoutSeconds: number;
  readonly deadline: number;
  /** Aborted when the client is gone: the receive stops waiting and takes nothing. */
  readonly signal: AbortSignal;
}

/** A standard queue in memory: at-least-once, visibility timeouts, long polls woken by the events themselves. */
export class LocalQueue {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly wakers = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly url: string,
    readonly settings: QueueSettings,
  ) {}

  /** Stores a message; a waiting receive wakes at once (or when its delay ends). */
  send(body: string, delaySeconds: number, now = Date.now()): StoredMessage {
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: createHash('md5').update(body, 'utf8').digest('hex'),
      sentAt: now,
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
    };
    this.messages.set(message.messageId, message);
    this.wake();
    return message;
  }

  /** Takes up to `max` visible messages, waiting for one until the deadline; empty when none came. */
  async receive(options: ReceiveOptions): Promise<StoredMessage[]> {
    for (;;) {
      if (options.signal.aborted) return [];
      const taken = this.take(options.max, options.visibilityTimeoutSeconds);
      if (taken.length > 0 || Date.now() >= options.deadline) return taken;
      await this.nextChange(options.deadline, options.signal);
    }
  }

  /** Deletes the message of a current receipt handle; a stale or spent handle deletes nothing, as on SQS. */
  delete(receiptHandle: string): void {
    const message = this.messages.get(messageIdOf(receiptHandle));
    if (message?.receiptHandle === receiptHandle) this.messages.delete(message.messageId);
  }

  /** Hides an in-flight message for `seconds` from now (0 makes it visible again at once). */
  changeVisibility(receiptHandle: string, seconds: number, now = Date.now()): void {
    const message = this.messages.get(messageIdOf(receiptHandle));
    if (!message || message.receiptHandle !== receiptHandle || message.visibleAt <= now)
      throw sqsErrors.messageNotInflight();
    message.visibleAt = now + seconds * 1000;
    this.wake();
  }

  /** Removes every message. */
  purge(): void {
    this.messages.clear();
  }

  /** Counts for GetQueueAttributes: visible, in flight, delayed. */
  counts(now = Date.now()): { visible: number; inFlight: number; delayed: number } {
    const all = [...this.messages.values()];
    return {
      visible: all.filter((m) => m.visibleAt <= now).length,
      inFlight: all.filter((m) => m.visibleAt > now && m.receiveCount > 0).length,
      delayed: all.filter((m) => m.visibleAt > now && m.receiveCount === 0).length,
    };
  }

  /** Ends every waiting receive (the server is closing). */
  close(): void {
    this.wake();
  }

  private take(max: number, visibilityTimeoutSeconds: number, now = Date.now()): StoredMessage[] {
    const taken: StoredMessage[] = [];
    for (const message of this.messages.values()) {
      if (taken.length === max) break;
      if (now - message.sentAt > this.settings.MessageRetentionPeriod * 1000) {
        this.messages.delete(message.messageId);
        continue;
      }
      if (message.visibleAt > now) continue;
      message.visibleAt = now + visibilityTimeoutSeconds * 1000;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.receiptHandle = `${message.messageId}.${randomBytes(12).toString('base64url')}`;
      taken.push(message);
    }
    return taken;
  }

  /** Resolves on the next send or visibility change, when a hidden message becomes visible, or at the deadline. */
  private nextChange(deadline: number, signal: AbortSignal): Promise<void> {
    let wakeAt = deadline;
    for (const message of this.messages.values())
      if (message.visibleAt > Date.now()) wakeAt = Math.min(wakeAt, message.visibleAt);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, wakeAt - Date.now()));
      signal.addEventListener('abort', done);
      this.wakers.add(done);
    });
  }

  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }
}

/** The message id inside a receipt handle; ReceiptHandleIsInvalid when it is not one this server issued. */
export function messageIdOf(receiptHandle: string): string {
  const match = /^([0-9a-f-]{36})\.[A-Za-z0-9_-]{16}$/.exec(receiptHandle);
  if (!match) throw sqsErrors.receiptHandleIsInvalid(receiptHandle);
  return match[1];
}
