import { S3Client } from '@aws-sdk/client-s3';
import { S3MultipartStore } from './s3-multipart-store';

const CHECKSUM = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';

function store(): S3MultipartStore {
  const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  return new S3MultipartStore({ s3, bucket: 'files-bucket', signedUrlSeconds: 120 });
}

describe('S3MultipartStore presigned URLs', () => {
  it('binds a part URL to its number, length and SHA-256 as signed headers, for two minutes', async () => {
    // GIVEN a store on AWS / WHEN part 2 of 8 MiB is signed
    const [signed] = await store().signParts('files/01ABC', 'upload-1', [{ partNumber: 2, size: 8 * 1024 * 1024, checksum: CHECKSUM }]);
    const url = new URL(signed.url);
    // THEN the URL names the part and signs its length and checksum, which the client sends as headers
    expect(url.searchParams.get('partNumber')).toBe('2');
    expect(url.searchParams.get('uploadId')).toBe('upload-1');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host;x-amz-checksum-sha256');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('120');
    expect(signed.headers).toEqual({ 'x-amz-checksum-sha256': CHECKSUM });
  });

  it('adds no checksum of an empty body to a part URL', async () => {
    const [signed] = await store().signParts('files/01ABC', 'upload-1', [{ partNumber: 1, size: 10, checksum: CHECKSUM }]);
    expect([...new URL(signed.url).searchParams.keys()].filter((k) => k.toLowerCase().startsWith('x-amz-checksum-crc'))).toEqual([]);
  });

  it('signs a download that answers as an attachment with the stored content type', async () => {
    const url = new URL(await store().signDownload('files/01ABC', { contentDisposition: 'attachment; filename="a.bin"', contentType: 'application/pdf' }));
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="a.bin"');
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('120');
  });

});
