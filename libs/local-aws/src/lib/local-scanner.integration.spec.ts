import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_AWS_CREDENTIALS, LOCAL_SCANNER_CREDENTIALS } from '@ha-uploads/config';
import type { RunningServer } from './local-server';
import { startLocalScanner, type LocalScanner } from './local-scanner';
import { startLocalS3, type LocalS3 } from './s3/local-s3.test-helper';
import { SCAN_STATUS_TAG } from './s3/scan-gate';
import { EICAR_TEST_STRING } from './scanner/eicar';
import { startSqsServer } from './sqs-server';

const BUCKET = 'test-bucket';
const MAX_SCAN_BYTES = 1024;

describe('the local malware scanner', () => {
  let local: LocalS3;
  let sqsServer: RunningServer;
  let sqs: SQSClient;
  let queueUrl: string;
  let scanner: LocalScanner;
  const scanErrors: unknown[] = [];

  beforeEach(async () => {
    local = await startLocalS3({ malwareScan: { bucket: BUCKET, unscannable: 'block' } });
    sqsServer = await startSqsServer({ host: '127.0.0.1', port: 0 });
    sqs = new SQSClient({ region: 'us-east-1', endpoint: sqsServer.endpoint, credentials: LOCAL_AWS_CREDENTIALS });
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'scan-results' }))).QueueUrl as string;
    scanner = startLocalScanner({
      s3: local.server,
      bucket: BUCKET,
      sqsEndpoint: sqsServer.endpoint,
      queueUrl,
      maxScanBytes: MAX_SCAN_BYTES,
      onError: (err) => scanErrors.push(err),
    });
  });

  afterEach(async () => {
    await scanner.stop();
    sqs.destroy();
    await sqsServer.close();
    await local.stop();
    expect(scanErrors.splice(0)).toEqual([]);
    expect(local.internalErrors).toEqual([]);
  });

  /** Every result event in the queue now (the scan has sent all of its events before scanned() resolves). */
  const events = async (): Promise<Record<string, unknown>[]> => {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    return (out.Messages ?? []).map((m) => JSON.parse(m.Body ?? '') as Record<string, unknown>);
  };
  const put = (key: string, body: string) =>
    local.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  const scanTag = async (key: string) => {
    const client = local.clientWith(LOCAL_SCANNER_CREDENTIALS);
    const { TagSet } = await client.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key }));
    client.destroy();
    return TagSet?.find((t) => t.Key === SCAN_STATUS_TAG)?.Value;
  };

  it('finds EICAR in a single PUT, tags THREATS_FOUND and sends one GuardDuty event', async () => {
    const { ETag } = await put('files/eicar', `header ${EICAR_TEST_STRING} trailer`);
    expect(await scanner.scanned('files/eicar')).toBe('THREATS_FOUND');
    expect(await scanTag('files/eicar')).toBe('THREATS_FOUND');
    expect(await events()).toEqual([
      expect.objectContaining({
        'detail-type': 'GuardDuty Malware Protection Object Scan Result',
        source: 'aws.guardduty',
        detail: expect.objectContaining({
          s3ObjectDetails: expect.objectContaining({
            bucketName: BUCKET,
            objectKey: 'files/eicar',
            eTag: ETag?.replace(/"/g, ''),
          }),
          scanResultDetails: {
            scanResultStatus: 'THREATS_FOUND',
            threats: [{ name: 'EICAR-Test-File (not a virus)' }],
          },
        }),
      }),
    ]);
  });

  it('finds EICAR in a multipart upload and sends one event', async () => {
    const { UploadId } = await local.s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'files/mp' }));
    const { ETag } = await local.s3.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: 'files/mp', UploadId, PartNumber: 1, Body: EICAR_TEST_STRING }),
    );
    await local.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'files/mp',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] },
      }),
    );
    expect(await scanner.scanned('files/mp')).toBe('THREATS_FOUND');
    expect((await events()).map((e) => (e.detail as { scanResultDetails: unknown }).scanResultDetails)).toEqual([
      { scanResultStatus: 'THREATS_FOUND', threats: [{ name: 'EICAR-Test-File (not a virus)' }] },
    ]);
  });

  it('tags a clean object NO_THREATS_FOUND, sends one event, and the app can read it', async () => {
    await put('files/clean', 'just text');
    expect(await scanner.scanned('files/clean')).toBe('NO_THREATS_FOUND');
    expect((await events()).map((e) => (e.detail as { scanResultDetails: unknown }).scanResultDetails)).toEqual([
      { scanResultStatus: 'NO_THREATS_FOUND', threats: null },
    ]);
    const out = await local.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'files/clean' }));
    expect(await out.Body?.transformToString()).toBe('just text');
  });

  it('tags an object over the size limit UNSUPPORTED', async () => {
    await put('files/big', 'x'.repeat(MAX_SCAN_BYTES + 1));
    expect(await scanner.scanned('files/big')).toBe('UNSUPPORTED');
    expect(await scanTag('files/big')).toBe('UNSUPPORTED');
  });

  it('scans nothing outside the files prefix', async () => {
    await put('elsewhere/k', EICAR_TEST_STRING);
    await put('files/k', 'clean');
    await scanner.scanned('files/k');
    expect(
      (await events()).map((e) => (e.detail as { s3ObjectDetails: { objectKey: string } }).s3ObjectDetails.objectKey),
    ).toEqual(['files/k']);
    expect(await scanTag('elsewhere/k')).toBeUndefined();
  });

  it('runs no scan while held, and the object stays untagged until released', async () => {
    scanner.hold();
    await put('files/held', 'clean');
    expect(await scanTag('files/held')).toBeUndefined();
    scanner.release();
    expect(await scanner.scanned('files/held')).toBe('NO_THREATS_FOUND');
  });

  it('tags but sends no event when told to drop the next one', async () => {
    scanner.dropNextEvent();
    await put('files/lost', 'clean');
    expect(await scanner.scanned('files/lost')).toBe('NO_THREATS_FOUND');
    expect(await scanTag('files/lost')).toBe('NO_THREATS_FOUND');
    expect(await events()).toEqual([]);
  });

  it('ends a scan it cannot complete as FAILED and reports why', async () => {
    // GIVEN a second scanner whose queue does not exist
    const errors: unknown[] = [];
    const broken = startLocalScanner({
      s3: local.server,
      bucket: BUCKET,
      sqsEndpoint: sqsServer.endpoint,
      queueUrl: `${sqsServer.endpoint}/000000000000/missing`,
      onError: (err) => errors.push(err),
    });
    await put('files/k', 'clean');
    // THEN its scan ends FAILED with the SQS error reported
    expect(await broken.scanned('files/k')).toBe('FAILED');
    await broken.stop();
    expect(errors).toEqual([expect.objectContaining({ name: 'QueueDoesNotExist' })]);
    await scanner.scanned('files/k');
  });

  it('sends the same event twice when told to duplicate the next one', async () => {
    scanner.duplicateNextEvent();
    await put('files/twice', 'clean');
    await scanner.scanned('files/twice');
    const [first, second, ...rest] = await events();
    expect([second, rest]).toEqual([first, []]);
  });
});
