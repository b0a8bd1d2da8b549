import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type TestBackends } from '../testing/local-backends';
import { useTestBackends } from '../testing/use-test-backends';
import { ensureBucketCors } from './ensure-resources';

const PAGE = 'http://127.0.0.1:3000';

function preflight(backends: TestBackends, origin: string): Promise<Response> {
  return fetch(`${backends.s3Endpoint}/${backends.bucket}/files/some-key?partNumber=1&uploadId=x`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'x-amz-checksum-sha256',
    },
  });
}

describe('ensureBucketCors on the local S3', () => {
  const backends = useTestBackends();

  beforeAll(async () => {
    await ensureBucketCors(backends.clients.s3, backends.bucket, [PAGE]);
  });

  it('lets the local page PUT with its checksum header (preflight)', async () => {
    const res = await preflight(backends, PAGE);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('lets the local page read the ETag of what it PUT', async () => {
    const url = await getSignedUrl(
      backends.clients.s3,
      new PutObjectCommand({ Bucket: backends.bucket, Key: 'cors-probe' }),
      { expiresIn: 60 },
    );
    const res = await fetch(url, { method: 'PUT', headers: { Origin: PAGE }, body: 'x' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it("refuses another origin's page, as the real bucket does", async () => {
    const res = await preflight(backends, 'http://evil.example');
    expect(res.status).toBe(403);
  });
});
