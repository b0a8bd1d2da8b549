import { S3Client } from '@aws-sdk/client-s3';
import { S3MultipartStore } from './s3-multipart-store';

const CHECKSUM = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';

// What S3 does with these URLs (length, checksum, response headers, expiry) is the MultipartStore contract's.
describe('S3MultipartStore presigned URLs', () => {
  const s3 = new S3Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
  const store = new S3MultipartStore({ s3, bucket: 'files-bucket', signedUrlSeconds: 120 });

  it('signs part URLs for the configured lifetime', async () => {
    const [signed] = await store.signParts('files/01ABC', 'upload-1', [
      { partNumber: 2, size: 1024, checksum: CHECKSUM },
    ]);
    expect(new URL(signed.url).searchParams.get('X-Amz-Expires')).toBe('120');
  });

  it('signs download URLs for the configured lifetime', async () => {
    const url = new URL(
      await store.signDownload('files/01ABC', { contentDisposition: 'attachment', contentType: 'application/pdf' }),
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('120');
  });
});
