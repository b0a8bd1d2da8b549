import { S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PartToSign } from '@ha-uploads/files';
import { PartUrlSigner } from './part-url-signer';

const SIGNING_DATE = new Date('2026-12-01T12:00:00Z');
const MiB = 1024 * 1024;
const PARTS: PartToSign[] = [1, 2, 3, 16].map((partNumber) => ({
  partNumber,
  size: partNumber === 16 ? 5 * MiB + 3 : 64 * MiB,
  checksum: Buffer.alloc(32, partNumber).toString('base64'),
}));

/** What getSignedUrl alone makes of one part: the reference every URL of a batch must equal. */
function referenceUrl(s3: S3Client, bucket: string, key: string, uploadId: string, part: PartToSign): Promise<string> {
  const command = new UploadPartCommand({
    Bucket: bucket,
    Key: key,
    UploadId: uploadId,
    PartNumber: part.partNumber,
    ContentLength: part.size,
    ChecksumSHA256: part.checksum,
  });
  return getSignedUrl(s3, command, {
    expiresIn: 300,
    signingDate: SIGNING_DATE,
    signableHeaders: new Set(['content-length']),
    unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
  });
}

describe('PartUrlSigner', () => {
  it.each([
    [
      'AWS, virtual-hosted, with a session token',
      {
        region: 'eu-west-1',
        credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token/with+chars=' },
      },
    ],
    [
      'a local endpoint, path-style',
      {
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:4569',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      },
    ],
  ])('signs every part of a batch exactly as getSignedUrl does (%s)', async (_where, config) => {
    // GIVEN a client and an upload id with characters that need escaping
    const s3 = new S3Client(config);
    const uploadId = 'VXBsb2FkIElE.for~part/s+=';
    const signer = new PartUrlSigner({
      s3,
      bucket: 'uploads-files-bucket',
      expiresInSeconds: 300,
      clock: () => SIGNING_DATE,
    });
    // WHEN four parts are signed in one batch
    const signed = await signer.sign('files/01JDIRECT0000000000000000', uploadId, PARTS);
    // THEN each URL is the one getSignedUrl makes for that part alone, and carries the part's checksum header
    const expected = await Promise.all(
      PARTS.map((part) => referenceUrl(s3, 'uploads-files-bucket', 'files/01JDIRECT0000000000000000', uploadId, part)),
    );
    expect(signed.map((s) => s.url)).toEqual(expected);
    expect(signed.map((s) => s.headers)).toEqual(PARTS.map((p) => ({ 'x-amz-checksum-sha256': p.checksum })));
  });

  it('binds each URL to its own part number, length and checksum', async () => {
    const s3 = new S3Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    const signed = await new PartUrlSigner({ s3, bucket: 'files-bucket', expiresInSeconds: 300 }).sign(
      'files/01ABC',
      'upload-1',
      PARTS,
    );
    const urls = signed.map((s) => new URL(s.url));
    expect(urls.map((u) => u.searchParams.get('partNumber'))).toEqual(['1', '2', '3', '16']);
    expect(new Set(urls.map((u) => u.searchParams.get('X-Amz-Signature'))).size).toBe(4);
    expect(
      urls.every((u) => u.searchParams.get('X-Amz-SignedHeaders') === 'content-length;host;x-amz-checksum-sha256'),
    ).toBe(true);
  });

  it('signs nothing for an empty batch', async () => {
    const s3 = new S3Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    expect(
      await new PartUrlSigner({ s3, bucket: 'files-bucket', expiresInSeconds: 300 }).sign(
        'files/01ABC',
        'upload-1',
        [],
      ),
    ).toEqual([]);
  });
});
