import { randomBytes } from 'node:crypto';
import { useAppFleet } from '../testing/reliability/app-fleet';

const MiB = 1024 * 1024;

const { backends, redirecting, streaming } = useAppFleet({
  instances: {
    redirecting: {
      instanceId: 'i-redirect',
      env: { DIRECT_DOWNLOAD_MIN_BYTES: String(MiB) },
    },
    streaming: { instanceId: 'i-stream', env: { DIRECT_DOWNLOAD_MIN_BYTES: '0' } },
  },
  timeoutMs: 60_000,
});

async function upload(body: Buffer, name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([body]), name);
  const res = await fetch(`${redirecting.url}/api/files`, { method: 'POST', body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { files: { id: string }[] }).files[0].id;
}

describe('downloads straight from S3 (dynalite + the local S3)', () => {
  it('answers 302 to a presigned S3 GET at or above DIRECT_DOWNLOAD_MIN_BYTES, which serves the same bytes as an attachment', async () => {
    // GIVEN a 2 MiB file with a non-ASCII name
    const body = randomBytes(2 * MiB);
    const id = await upload(body, 'résumé big.bin');
    // WHEN downloaded
    const res = await fetch(`${redirecting.url}/files/${id}`, { redirect: 'manual' });
    // THEN a redirect to S3's endpoint, naming the file (RFC 6266) and its type, valid for minutes
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.origin).toBe(new URL(backends.s3Endpoint).origin);
    expect(location.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="r_sum_ big.bin"; filename*=UTF-8''r%C3%A9sum%C3%A9%20big.bin`,
    );
    expect(location.searchParams.get('response-content-type')).toBe('application/octet-stream');
    expect(Number(location.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(600);
    const fromS3 = await fetch(location);
    expect(Buffer.from(await fromS3.arrayBuffer()).equals(body)).toBe(true);
  });

  it('streams a file below the threshold through the app, as before', async () => {
    const body = randomBytes(MiB - 1);
    const id = await upload(body, 'small.bin');
    const res = await fetch(`${redirecting.url}/files/${id}`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
  });

  it('never redirects with DIRECT_DOWNLOAD_MIN_BYTES=0', async () => {
    const body = randomBytes(2 * MiB);
    const id = await upload(body, 'big.bin');
    const res = await fetch(`${streaming.url}/files/${id}`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
  });
});
