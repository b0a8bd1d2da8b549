import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { localSqsTarget, type SqsTarget } from '../contract/sqs-targets';
import { SqsScanResults } from './sqs-scan-results';

let target: SqsTarget;

beforeAll(async () => {
  target = await localSqsTarget();
});

afterAll(async () => {
  await target?.stop();
});

const event = JSON.stringify({
  source: 'aws.guardduty',
  'detail-type': 'GuardDuty Malware Protection Object Scan Result',
  detail: {
    scanStatus: 'COMPLETED',
    resourceType: 'S3_OBJECT',
    s3ObjectDetails: { bucketName: 'files', objectKey: 'files/X' },
    scanResultDetails: { scanResultStatus: 'NO_THREATS_FOUND', threats: null },
  },
});

/** A fresh queue holding one scan result, and the source over it. */
async function queueWithOneResult(): Promise<SqsScanResults> {
  const queueUrl = await target.createQueue(30);
  await target.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: event }));
  return new SqsScanResults({ sqs: target.sqs, queueUrl, bucket: 'files', waitTimeSeconds: 0 });
}

describe('SqsScanResults on the local SQS', () => {
  it('receives a scan result as a checked verdict', async () => {
    const results = await queueWithOneResult();
    expect(await results.receive(new AbortController().signal)).toEqual([
      { handle: expect.any(String), objectKey: 'files/X', status: 'NO_THREATS_FOUND', threats: [] },
    ]);
  });

  it('never delivers a deleted result again', async () => {
    const results = await queueWithOneResult();
    const [message] = await results.receive(new AbortController().signal);
    await results.delete(message.handle);
    expect(await results.receive(new AbortController().signal)).toEqual([]);
  });

  it('brings a result back at once when told to retry it after 0 seconds', async () => {
    const results = await queueWithOneResult();
    const [message] = await results.receive(new AbortController().signal);
    await results.retryLater(message.handle, 0);
    expect(await results.receive(new AbortController().signal)).toEqual([
      expect.objectContaining({ objectKey: 'files/X' }),
    ]);
  });
});
