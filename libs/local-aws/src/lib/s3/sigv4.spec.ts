import { createHash } from 'node:crypto';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256, verifySignature, type SignableRequest } from './sigv4';

const CREDENTIALS = { accessKeyId: 'TESTKEY', secretAccessKey: 'test-secret' };
const NOW = new Date('2026-12-07T10:00:00Z');
const signer = new SignatureV4({
  credentials: CREDENTIALS,
  region: 'us-east-1',
  service: 's3',
  sha256: NodeSha256,
  uriEscapePath: false,
  applyChecksum: false,
});
// S3's presigner, as the app signs part and download URLs (UNSIGNED-PAYLOAD, headers hoisted to the query).
const presigner = new S3RequestPresigner({ credentials: CREDENTIALS, region: 'us-east-1', sha256: NodeSha256 });
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

type HttpRequest = Parameters<SignatureV4['sign']>[0];

/** A PUT of a part; `headers` replace the defaults (a presigned URL carries no payload hash header). */
function request(headers: Record<string, string> = { 'x-amz-content-sha256': EMPTY_SHA256 }): HttpRequest {
  return {
    method: 'PUT',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4569,
    path: '/bucket/a%20key',
    query: { partNumber: '1', uploadId: 'abc' },
    headers: { host: '127.0.0.1:4569', ...headers },
  };
}

/** The request as the server sees it: raw path, decoded query, lowercase headers. */
function received(signed: HttpRequest, change: (r: SignableRequest) => SignableRequest = (r) => r): SignableRequest {
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return change({
    method: signed.method,
    rawPath: signed.path,
    query: signed.query as Record<string, string>,
    headers,
  });
}

describe('verifySignature', () => {
  it('accepts a request signed by header with the SDK signer', async () => {
    const signed = await signer.sign(request(), { signingDate: NOW });
    await expect(verifySignature(received(signed), CREDENTIALS, NOW)).resolves.toMatchObject({
      presigned: false,
      payloadHash: EMPTY_SHA256,
    });
  });

  it('accepts a presigned request within its expiry', async () => {
    const signed = await presigner.presign(request({}), { signingDate: NOW, expiresIn: 60 });
    await expect(verifySignature(received(signed), CREDENTIALS, NOW)).resolves.toMatchObject({
      presigned: true,
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
  });

  it('refuses a presigned request after its expiry with AccessDenied "Request has expired"', async () => {
    const signed = await presigner.presign(request({}), { signingDate: NOW, expiresIn: 60 });
    const later = new Date(NOW.getTime() + 61_000);
    await expect(verifySignature(received(signed), CREDENTIALS, later)).rejects.toMatchObject({
      code: 'AccessDenied',
      message: 'Request has expired',
    });
  });

  it('refuses a changed query parameter with SignatureDoesNotMatch', async () => {
    const signed = await presigner.presign(request({}), { signingDate: NOW, expiresIn: 60 });
    const tampered = received(signed, (r) => ({ ...r, query: { ...r.query, partNumber: '2' } }));
    await expect(verifySignature(tampered, CREDENTIALS, NOW)).rejects.toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('refuses a changed signed header with SignatureDoesNotMatch', async () => {
    const signed = await signer.sign(request({ 'x-amz-content-sha256': EMPTY_SHA256, 'content-length': '10' }), {
      signingDate: NOW,
    });
    const tampered = received(signed, (r) => ({ ...r, headers: { ...r.headers, 'content-length': '11' } }));
    await expect(verifySignature(tampered, CREDENTIALS, NOW)).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('refuses an x-amz-* header that the signature does not cover', async () => {
    const signed = await signer.sign(request(), { signingDate: NOW });
    const added = received(signed, (r) => ({ ...r, headers: { ...r.headers, 'x-amz-meta-added': 'later' } }));
    await expect(verifySignature(added, CREDENTIALS, NOW)).rejects.toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('refuses a request without any signature with AccessDenied', async () => {
    await expect(verifySignature(received(request()), CREDENTIALS, NOW)).rejects.toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
  });

  it('refuses a request signed more than 15 minutes away with RequestTimeTooSkewed', async () => {
    const signed = await signer.sign(request(), { signingDate: new Date(NOW.getTime() - 16 * 60_000) });
    await expect(verifySignature(received(signed), CREDENTIALS, NOW)).rejects.toMatchObject({
      code: 'RequestTimeTooSkewed',
    });
  });

  it('refuses another access key id with InvalidAccessKeyId', async () => {
    const other = new SignatureV4({
      credentials: { ...CREDENTIALS, accessKeyId: 'OTHER' },
      region: 'us-east-1',
      service: 's3',
      sha256: NodeSha256,
      uriEscapePath: false,
    });
    const signed = await other.sign(request(), { signingDate: NOW });
    await expect(verifySignature(received(signed), CREDENTIALS, NOW)).rejects.toMatchObject({
      code: 'InvalidAccessKeyId',
    });
  });
});
