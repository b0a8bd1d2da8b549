import {
  CreateMultipartUploadCommand,
  DeleteObjectTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { LOCAL_SCANNER_CREDENTIALS } from '@ha-uploads/config';
import { startLocalS3, type LocalS3 } from './local-s3.test-helper';
import { SCAN_STATUS_TAG } from './scan-gate';

const BUCKET = 'test-bucket';

describe('the malware-scan bucket policy on the local S3', () => {
  let local: LocalS3;
  let scanner: S3Client;

  const startWith = async (unscannable: 'block' | 'allow') => {
    local = await startLocalS3({ malwareScan: { bucket: BUCKET, unscannable } });
    scanner = local.clientWith(LOCAL_SCANNER_CREDENTIALS);
  };
  /** Stores an object as the app and tags its verdict as the scanner. */
  const scannedObject = async (key: string, verdict: string) => {
    await local.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'body' }));
    await scanner.send(
      new PutObjectTaggingCommand({
        Bucket: BUCKET,
        Key: key,
        Tagging: { TagSet: [{ Key: SCAN_STATUS_TAG, Value: verdict }] },
      }),
    );
  };
  const read = (client: S3Client, key: string) =>
    client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })).then((out) => out.Body?.transformToString());
  const denied = { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } };

  afterEach(async () => {
    scanner.destroy();
    await local.stop();
    expect(local.internalErrors).toEqual([]);
  });

  describe('with unscannable files blocked', () => {
    beforeEach(() => startWith('block'));

    it('denies the app GetObject of an object with THREATS_FOUND', async () => {
      await scannedObject('files/bad', 'THREATS_FOUND');
      await expect(read(local.s3, 'files/bad')).rejects.toMatchObject(denied);
    });

    it('denies the GET of a presigned URL to an object with THREATS_FOUND', async () => {
      await scannedObject('files/bad', 'THREATS_FOUND');
      const url = await getSignedUrl(local.s3, new GetObjectCommand({ Bucket: BUCKET, Key: 'files/bad' }));
      const res = await fetch(url);
      expect([res.status, await res.text()]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code>')]);
    });

    it('denies the app HeadObject of an object with THREATS_FOUND', async () => {
      await scannedObject('files/bad', 'THREATS_FOUND');
      await expect(local.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'files/bad' }))).rejects.toMatchObject({
        $metadata: { httpStatusCode: 403 },
      });
    });

    it('lets the scanner read an object with THREATS_FOUND', async () => {
      await scannedObject('files/bad', 'THREATS_FOUND');
      expect(await read(scanner, 'files/bad')).toBe('body');
    });

    it('lets the app read an object with NO_THREATS_FOUND', async () => {
      await scannedObject('files/good', 'NO_THREATS_FOUND');
      expect(await read(local.s3, 'files/good')).toBe('body');
    });

    it('lets the app read an object not yet scanned', async () => {
      await local.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'files/new', Body: 'body' }));
      expect(await read(local.s3, 'files/new')).toBe('body');
    });

    it('denies the app GetObject of an UNSUPPORTED object', async () => {
      await scannedObject('files/big', 'UNSUPPORTED');
      await expect(read(local.s3, 'files/big')).rejects.toMatchObject(denied);
    });

    it('denies the app setting the scan tag with PutObjectTagging', async () => {
      await local.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'files/k', Body: 'body' }));
      const forged = { TagSet: [{ Key: SCAN_STATUS_TAG, Value: 'NO_THREATS_FOUND' }] };
      await expect(
        local.s3.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: 'files/k', Tagging: forged })),
      ).rejects.toMatchObject(denied);
    });

    it('denies the app a PutObject whose x-amz-tagging sets the scan tag, and stores nothing', async () => {
      const put = local.s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'files/k',
          Body: 'x',
          Tagging: `${SCAN_STATUS_TAG}=NO_THREATS_FOUND`,
        }),
      );
      await expect(put).rejects.toMatchObject(denied);
      await expect(read(scanner, 'files/k')).rejects.toMatchObject({ name: 'NoSuchKey' });
    });

    it('denies the app a multipart upload whose x-amz-tagging sets the scan tag', async () => {
      const create = new CreateMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'files/k',
        Tagging: `${SCAN_STATUS_TAG}=NO_THREATS_FOUND`,
      });
      await expect(local.s3.send(create)).rejects.toMatchObject(denied);
    });

    it('denies the app removing the scan tag with DeleteObjectTagging, which leaves it in place', async () => {
      await scannedObject('files/bad', 'THREATS_FOUND');
      await expect(
        local.s3.send(new DeleteObjectTaggingCommand({ Bucket: BUCKET, Key: 'files/bad' })),
      ).rejects.toMatchObject(denied);
      const { TagSet } = await scanner.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'files/bad' }));
      expect(TagSet).toEqual([{ Key: SCAN_STATUS_TAG, Value: 'THREATS_FOUND' }]);
    });

    it('denies the app replacing a tag set that holds the scan tag', async () => {
      await scannedObject('files/bad', 'THREATS_FOUND');
      const other = { TagSet: [{ Key: 'note', Value: 'x' }] };
      await expect(
        local.s3.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: 'files/bad', Tagging: other })),
      ).rejects.toMatchObject(denied);
    });
  });

  describe('with unscannable files allowed', () => {
    beforeEach(() => startWith('allow'));

    it('lets the app read an UNSUPPORTED object', async () => {
      await scannedObject('files/big', 'UNSUPPORTED');
      expect(await read(local.s3, 'files/big')).toBe('body');
    });

    it('still denies the app an object with THREATS_FOUND', async () => {
      await scannedObject('files/bad', 'THREATS_FOUND');
      await expect(read(local.s3, 'files/bad')).rejects.toMatchObject(denied);
    });
  });
});
