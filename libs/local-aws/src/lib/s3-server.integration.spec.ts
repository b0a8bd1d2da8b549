import { connect } from 'node:net';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startLocalS3, type LocalS3 } from './s3/local-s3.test-helper';

/** Sends raw bytes over one connection and resolves with everything the server answered. */
async function rawRequest(endpoint: string, request: string): Promise<string> {
  const { hostname, port } = new URL(endpoint);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.end(request);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  await once(socket, 'close');
  return Buffer.concat(chunks).toString('latin1');
}

/** Waits until the condition holds (the server's state is only visible from outside by looking again). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await nextTurn();
}

async function bodyOf(local: LocalS3, key: string): Promise<string> {
  const out = await local.s3.send(new GetObjectCommand({ Bucket: local.bucket, Key: key }));
  return out.Body!.transformToString();
}

describe('the local S3 under bad input', () => {
  let local: LocalS3;

  beforeEach(async () => {
    local = await startLocalS3();
  });

  afterEach(async () => {
    await local.stop();
  });

  it('keeps serving after a request with huge headers, which gets 431', async () => {
    // GIVEN a request whose headers are far past the server's bound
    const answer = await rawRequest(local.server.endpoint, `GET /${local.bucket}/k HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    // THEN it is refused, and the next request is served
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: 'after', Body: 'still here' }));
    expect(await bodyOf(local, 'after')).toBe('still here');
  });

  it('stores nothing and leaves no temp file when the connection is cut mid-body', async () => {
    // GIVEN a signed PUT announcing 1 MiB whose body stops after 1 KiB, once the server is writing it
    const body = new PassThrough();
    const client = new AbortController();
    const put = local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: 'cut', Body: body, ContentLength: 1024 * 1024 }), { abortSignal: client.signal });
    body.write(Buffer.alloc(1024));
    await until(async () => (await local.tempFiles()).length > 0);
    // WHEN the client goes away (the SDK destroys the connection)
    client.abort();
    await expect(put).rejects.toMatchObject({ name: 'AbortError' });
    // THEN the temp file goes and the key never existed
    await until(async () => (await local.tempFiles()).length === 0);
    await expect(local.s3.send(new HeadObjectCommand({ Bucket: local.bucket, Key: 'cut' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('answers a malformed request line with 400 and keeps serving', async () => {
    const answer = await rawRequest(local.server.endpoint, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: 'after', Body: 'ok' }));
    expect(await bodyOf(local, 'after')).toBe('ok');
  });

  it('refuses a key that is not validly percent-encoded with 400 InvalidArgument', async () => {
    const res = await fetch(`${local.server.endpoint}/${local.bucket}/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>InvalidArgument</Code>');
  });

  it('reports no internal error through all of the above', async () => {
    await rawRequest(local.server.endpoint, `POST /${local.bucket}/k?uploadId=zz HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc`);
    expect(local.internalErrors).toEqual([]);
  });
});

describe('the local S3 towards other origins', () => {
  let local: LocalS3;

  beforeAll(async () => {
    local = await startLocalS3();
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: 'page.html', Body: '<script>alert(1)</script>', ContentType: 'text/html' }));
  });

  afterAll(async () => {
    await local.stop();
  });

  it('changes nothing on a cross-site form POST without a signature', async () => {
    // GIVEN a form another site's page posts to the object's URL
    const form = new FormData();
    form.append('key', 'page.html');
    form.append('file', new Blob(['overwritten']), 'x.txt');
    const res = await fetch(`${local.server.endpoint}/${local.bucket}/page.html`, { method: 'POST', body: form, headers: { Origin: 'http://evil.example' } });
    // THEN it is refused and the object is as it was
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await bodyOf(local, 'page.html')).toBe('<script>alert(1)</script>');
  });

  it('changes nothing on a PUT with a wrong signature from another origin', async () => {
    const res = await fetch(`${local.server.endpoint}/${local.bucket}/page.html`, {
      method: 'PUT',
      body: 'overwritten',
      headers: {
        Origin: 'http://evil.example',
        'x-amz-date': '20260101T000000Z',
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        Authorization: `AWS4-HMAC-SHA256 Credential=LOCALAWSACCESSKEY/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(64)}`,
      },
    });
    expect(res.status).toBe(403);
    expect(await bodyOf(local, 'page.html')).toBe('<script>alert(1)</script>');
  });

  it('serves a stored HTML object as an attachment that the browser must not sniff', async () => {
    const out = await local.s3.send(new GetObjectCommand({ Bucket: local.bucket, Key: 'page.html' }));
    await out.Body!.transformToString();
    expect(out.ContentType).toBe('text/html');
    expect(out.ContentDisposition).toBe('attachment');
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it('sends X-Content-Type-Options: nosniff with a stored object', async () => {
    const url = await getSignedUrl(local.s3, new GetObjectCommand({ Bucket: local.bucket, Key: 'page.html' }), { expiresIn: 60 });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe('attachment');
  });
});
