import { setTimeout as delay } from 'node:timers/promises';
import { fileIdFromObjectKey } from '../file-id';
import type { FileCatalog } from '../ports';
import { verdictOf, type RecordScanOutcome, type ScanStatus, type ScanVerdict } from './scan-state';

/**
 * One message of the scan-result queue, already checked by the adapter: a verdict on an object, or why it is not one.
 */
export type ScanMessage =
  | {
      readonly handle: string;
      readonly objectKey: string;
      readonly status: ScanStatus;
      readonly threats: readonly string[];
    }
  | { readonly handle: string; readonly rejected: string };

/** The queue the scanner's results arrive in (SQS, fed by EventBridge). */
export interface ScanResultSource {
  /** Waits (long poll) for up to a batch of messages; rejects with an AbortError once `signal` aborts. */
  receive(signal: AbortSignal): Promise<ScanMessage[]>;
  /** Deletes a handled message, so it is never delivered again. */
  delete(handle: string): Promise<void>;
  /** Makes a message come back after `seconds` instead of its whole visibility timeout. */
  retryLater(handle: string, seconds: number): Promise<void>;
}

/** What happened to one message, for logs and metrics. */
export type DrainedMessage =
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: RecordScanOutcome; readonly id: string; readonly verdict: ScanVerdict };

/** Settings of ScanDrainer. */
export interface ScanDrainerProps {
  readonly source: ScanResultSource;
  readonly catalog: FileCatalog;
  /** Told of every message handled. @default - ignored */
  readonly onMessage?: (message: DrainedMessage) => void;
  /**
   * Told of a failed receive, record or delete; the message comes back after its visibility timeout. @default - ignored
   */
  readonly onError?: (err: unknown) => void;
  /** How long to wait after a failed receive before polling again. @default 5000 */
  readonly retryDelayMs?: number;
  /** When a verdict on a body still being stored comes back. @default 5 */
  readonly notReadyRetrySeconds?: number;
}

/**
 * Drains the scan-result queue into the catalog while the instance runs: each message is deleted only after the
 * catalog recorded it (or it proved to be no verdict of ours), so a crash or a backend outage only delays it.
 */
export class ScanDrainer {
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly props: ScanDrainerProps) {}

  /** Starts long-polling; a second call does nothing. */
  start(): void {
    this.running ??= this.loop();
  }

  /** Ends the long poll at once and resolves when the messages in hand are handled. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      let messages: ScanMessage[];
      try {
        messages = await this.props.source.receive(signal);
      } catch (err) {
        if (signal.aborted) return;
        this.props.onError?.(err);
        await delay(this.props.retryDelayMs ?? 5_000, undefined, { signal }).catch(() => undefined);
        continue;
      }
      // Each message on its own: one that fails waits for its redelivery without holding up the rest.
      await Promise.all(
        messages.map((message) => this.handle(message).catch((err: unknown) => this.props.onError?.(err))),
      );
    }
  }

  private async handle(message: ScanMessage): Promise<void> {
    const drained = await this.record(message);
    // A verdict on a body still being stored comes back shortly, when the entry is READY.
    if (drained.kind === 'not-ready')
      await this.props.source.retryLater(message.handle, this.props.notReadyRetrySeconds ?? 5);
    else await this.props.source.delete(message.handle);
    this.props.onMessage?.(drained);
  }

  private async record(message: ScanMessage): Promise<DrainedMessage> {
    if ('rejected' in message) return { kind: 'rejected', reason: message.rejected };
    const id = fileIdFromObjectKey(message.objectKey);
    if (id === undefined) return { kind: 'rejected', reason: `not a file's object: ${message.objectKey}` };
    const verdict = verdictOf(message.objectKey, message.status, message.threats);
    return { kind: await this.props.catalog.recordScan(id, verdict), id, verdict };
  }
}
