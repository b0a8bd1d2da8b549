import { connect } from 'node:net';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
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
    // Bad input is the client's fault: none of it may reach the server's internal-error path.
    expect(local.internalErrors).toEqual([]);
  });

  it('keeps serving after a request with huge headers, which gets 431', async () => {
    // GIVEN a request whose headers are far past the server's bound
    const answer = await rawRequest(
      local.server.endpoint,
      `GET /${local.bucket}/k HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
    );
    // THEN it is refused, and the next request is served
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: 'after', Body: 'still here' }));
    expect(await bodyOf(local, 'after')).toBe('still here');
  });

  it('stores nothing and leaves no temp file when the connection is cut mid-body', async () => {
    // GIVEN a signed PUT announcing 1 MiB whose body stops after 1 KiB, once the server is writing it
    const body = new PassThrough();
    const client = new AbortController();
    const put = local.s3.send(
      new PutObjectCommand({ Bucket: local.bucket, Key: 'cut', Body: body, ContentLength: 1024 * 1024 }),
      { abortSignal: client.signal },
    );
    body.write(Buffer.alloc(1024));
    await until(async () => (await local.tempFiles()).length > 0);
    // WHEN the client goes away (the SDK destroys the connection)
    client.abort();
    await expect(put).rejects.toMatchObject({ name: 'AbortError' });
    // THEN the temp file goes and the key never existed
    await until(async () => (await local.tempFiles()).length === 0);
    await expect(local.s3.send(new HeadObjectCommand({ Bucket: local.bucket, Key: 'cut' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
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

  it('answers a complete naming a part never uploaded with 400 InvalidPart, and keeps serving', async () => {
    const { UploadId } = await local.s3.send(new CreateMultipartUploadCommand({ Bucket: local.bucket, Key: 'mp' }));
    const xml =
      '<CompleteMultipartUpload><Part><PartNumber>7</PartNumber><ETag>"e"</ETag></Part></CompleteMultipartUpload>';
    const res = await local.signedFetch('POST', `/${local.bucket}/mp?uploadId=${UploadId}`, xml);
    expect([res.status, await res.text()]).toEqual([400, expect.stringContaining('<Code>InvalidPart</Code>')]);
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: 'after', Body: 'ok' }));
    expect(await bodyOf(local, 'after')).toBe('ok');
  });

  it('answers a complete with malformed XML with 400 MalformedXML', async () => {
    const { UploadId } = await local.s3.send(new CreateMultipartUploadCommand({ Bucket: local.bucket, Key: 'mp' }));
    const res = await local.signedFetch(
      'POST',
      `/${local.bucket}/mp?uploadId=${UploadId}`,
      '<CompleteMultipartUpload><Part>',
    );
    expect([res.status, await res.text()]).toEqual([400, expect.stringContaining('<Code>MalformedXML</Code>')]);
  });

  it('refuses an XML body that declares entities', async () => {
    const xml =
      '<!DOCTYPE x [<!ENTITY a "aaaa">]><CORSConfiguration><CORSRule><AllowedOrigin>&a;</AllowedOrigin></CORSRule></CORSConfiguration>';
    const res = await local.signedFetch('PUT', `/${local.bucket}?cors`, xml);
    expect([res.status, await res.text()]).toEqual([400, expect.stringContaining('<Code>MalformedXML</Code>')]);
  });

  it('refuses a body that does not match its signed x-amz-content-sha256 with 400 XAmzContentSHA256Mismatch', async () => {
    const rule = (origin: string) =>
      `<CORSConfiguration><CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`;
    const res = await local.signedFetch(
      'PUT',
      `/${local.bucket}?cors`,
      rule('https://a.example'),
      rule('https://b.example'),
    );
    expect([res.status, await res.text()]).toEqual([
      400,
      expect.stringContaining('<Code>XAmzContentSHA256Mismatch</Code>'),
    ]);
  });
});

describe('the local S3 towards other origins', () => {
  let local: LocalS3;

  beforeAll(async () => {
    local = await startLocalS3();
    await local.s3.send(
      new PutObjectCommand({
        Bucket: local.bucket,
        Key: 'page.html',
        Body: '<script>alert(1)</script>',
        ContentType: 'text/html',
      }),
    );
  });

  afterAll(async () => {
    await local.stop();
  });

  it('changes nothing on a cross-site form POST without a signature', async () => {
    // GIVEN a form another site's page posts to the object's URL
    const form = new FormData();
    form.append('key', 'page.html');
    form.append('file', new Blob(['overwritten']), 'x.txt');
    const res = await fetch(`${local.server.endpoint}/${local.bucket}/page.html`, {
      method: 'POST',
      body: form,
      headers: { Origin: 'http://evil.example' },
    });
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
        Authorization: `AWS4-HMAC-SHA256 Credential=LOCALAWSACCESSKEY/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(
          64,
        )}`,
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
    const url = await getSignedUrl(local.s3, new GetObjectCommand({ Bucket: local.bucket, Key: 'page.html' }), {
      expiresIn: 60,
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe('attachment');
  });
});
