import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_AWS_CREDENTIALS } from '@ha-uploads/config';
import { EICAR_TEST_STRING } from '@ha-uploads/local-aws';
import { useTestBackends } from './use-test-backends';

describe('test backends with malware scanning', () => {
  const backends = useTestBackends({ malwareScan: { unscannable: 'block' } });

  it('puts what the app reads to drain scan results in env', () => {
    expect(backends.env).toMatchObject({
      MALWARE_SCAN: 'on',
      SCAN_RESULTS_QUEUE_URL: backends.malwareScan?.queueUrl,
      SCAN_UNSCANNABLE: 'block',
      SQS_ENDPOINT: backends.malwareScan?.sqs.endpoint,
    });
  });

  it('scans an upload into the files bucket and queues its result, also after S3 restarts', async () => {
    // GIVEN an S3 restart
    await backends.stopS3();
    await backends.startS3();
    // WHEN an EICAR file is stored
    const put = new PutObjectCommand({ Bucket: backends.bucket, Key: 'files/eicar', Body: EICAR_TEST_STRING });
    await backends.clients.s3.send(put);
    // THEN it is infected, unreadable by the app, and its event is in the queue
    expect(await backends.malwareScan?.scanner.scanned('files/eicar')).toBe('THREATS_FOUND');
    await expect(
      backends.clients.s3.send(new GetObjectCommand({ Bucket: backends.bucket, Key: 'files/eicar' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    const sqs = new SQSClient({
      region: 'us-east-1',
      endpoint: backends.env.SQS_ENDPOINT,
      credentials: LOCAL_AWS_CREDENTIALS,
    });
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: backends.env.SCAN_RESULTS_QUEUE_URL }));
    sqs.destroy();
    expect(out.Messages?.map((m) => JSON.parse(m.Body ?? '').detail.s3ObjectDetails.objectKey)).toEqual([
      'files/eicar',
    ]);
  });
});
