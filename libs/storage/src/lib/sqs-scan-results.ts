import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { ScanMessage, ScanResultSource } from '@ha-uploads/files';
import { parseScanEvent } from './guardduty-scan-event';

/** Settings of SqsScanResults. */
export interface SqsScanResultsProps {
  readonly sqs: SQSClient;
  /** The queue EventBridge delivers the scan results to. */
  readonly queueUrl: string;
  /** The files bucket: a result for any other bucket is rejected. */
  readonly bucket: string;
  /** How long one receive waits for a message (SQS allows 0-20). @default 20 */
  readonly waitTimeSeconds?: number;
}

/** The scan-result queue on SQS: long polls of up to 10 messages, each checked before the app sees it. */
export class SqsScanResults implements ScanResultSource {
  constructor(private readonly props: SqsScanResultsProps) {}

  async receive(signal: AbortSignal): Promise<ScanMessage[]> {
    const out = await this.props.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.props.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: this.props.waitTimeSeconds ?? 20,
      }),
      { abortSignal: signal },
    );
    return (out.Messages ?? []).flatMap((message) =>
      // A message without a receipt handle cannot be deleted, so it is not handled at all.
      message.ReceiptHandle ? [parseScanEvent(message.ReceiptHandle, message.Body, this.props.bucket)] : [],
    );
  }

  async delete(handle: string): Promise<void> {
    await this.props.sqs.send(new DeleteMessageCommand({ QueueUrl: this.props.queueUrl, ReceiptHandle: handle }));
  }

  async retryLater(handle: string, seconds: number): Promise<void> {
    await this.props.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.props.queueUrl,
        ReceiptHandle: handle,
        VisibilityTimeout: seconds,
      }),
    );
  }
}
