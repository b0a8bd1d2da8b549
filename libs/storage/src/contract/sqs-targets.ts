import { randomBytes } from 'node:crypto';
import { CreateQueueCommand, DeleteQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_AWS_CREDENTIALS } from '@ha-uploads/config';
import { startSqsServer } from '@ha-uploads/local-aws';
import { contractAwsSettings } from './contract-aws-settings';

/** An SQS the behaviour contract runs against: a client, and fresh queues it deletes when stopped. */
export interface SqsTarget {
  readonly name: 'local' | 'aws';
  readonly sqs: SQSClient;
  /** Creates a queue of this run (standard, the given visibility timeout) and returns its URL. */
  createQueue(visibilityTimeoutSeconds?: number): Promise<string>;
  /** Deletes the run's queues and closes what the target opened. */
  stop(): Promise<void>;
}

/** The local SQS on a free port, for one test file. */
export async function localSqsTarget(): Promise<SqsTarget> {
  const server = await startSqsServer({ host: '127.0.0.1', port: 0 });
  const sqs = new SQSClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: LOCAL_AWS_CREDENTIALS });
  return targetOn('local', sqs, 'contract-', () => server.close());
}

/** Queues named `<CONTRACT_TABLE_PREFIX>queue-<run>-<n>` in CONTRACT_AWS_REGION, deleted at the end. */
export async function awsSqsTarget(): Promise<SqsTarget> {
  const settings = contractAwsSettings();
  const sqs = new SQSClient({ region: settings.region });
  return targetOn('aws', sqs, settings.tablePrefix, async () => undefined);
}

function targetOn(name: SqsTarget['name'], sqs: SQSClient, prefix: string, close: () => Promise<void>): SqsTarget {
  const run = randomBytes(4).toString('hex');
  const created: string[] = [];
  return {
    name,
    sqs,
    async createQueue(visibilityTimeoutSeconds = 30) {
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({
          QueueName: `${prefix}queue-${run}-${created.length}`,
          Attributes: { VisibilityTimeout: String(visibilityTimeoutSeconds) },
        }),
      );
      if (!QueueUrl) throw new Error('CreateQueue returned no QueueUrl');
      created.push(QueueUrl);
      return QueueUrl;
    },
    async stop() {
      await Promise.all(created.map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl }))));
      sqs.destroy();
      await close();
    },
  };
}
