import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder } from './aws-chunked';
import { sha256Hex, signWithKey, type VerifiedSignature } from './sigv4';

const EMPTY_SHA256 = sha256Hex('');
const SEED: VerifiedSignature = {
  accessKeyId: 'LOCALAWSACCESSKEY',
  presigned: false,
  payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  signature: 'a'.repeat(64),
  amzDate: '20261207T100000Z',
  scope: '20261207/us-east-1/s3/aws4_request',
  signingKey: createHash('sha256').update('a signing key').digest(),
};

/**
 * Frames `chunks` as aws-chunked, each signed in the chain that starts at the seed signature (as SigV4 streaming does).
 */
function signedBody(chunks: string[]): string {
  let previous = SEED.signature;
  let body = '';
  for (const data of [...chunks, '']) {
    const stringToSign = [
      'AWS4-HMAC-SHA256-PAYLOAD',
      SEED.amzDate,
      SEED.scope,
      previous,
      EMPTY_SHA256,
      sha256Hex(data),
    ].join('\n');
    previous = signWithKey(SEED.signingKey, stringToSign);
    body += `${Buffer.byteLength(data).toString(16)};chunk-signature=${previous}\r\n${data}${data ? '\r\n' : ''}`;
  }
  return `${body}\r\n`;
}

async function decode(
  body: string,
  signed?: VerifiedSignature,
): Promise<{ text: string; trailers: Map<string, string> }> {
  const decoder = new AwsChunkedDecoder(signed);
  let text = '';
  // One byte at a time: framing split anywhere must decode the same.
  const source = Readable.from([...Buffer.from(body)].map((b) => Buffer.from([b])));
  await pipeline(
    source,
    decoder,
    new Writable({ write: (chunk: Buffer, _e, cb) => ((text += chunk.toString()), cb()) }),
  );
  return { text, trailers: decoder.trailers };
}

describe('AwsChunkedDecoder', () => {
  it('decodes an unsigned body and its trailing checksum', async () => {
    const out = await decode('5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n');
    expect([out.text, out.trailers.get('x-amz-checksum-crc32')]).toEqual(['hello world', 'DUoRhQ==']);
  });

  it('decodes a body whose chunk signatures all verify', async () => {
    expect((await decode(signedBody(['hello', ' world']), SEED)).text).toBe('hello world');
  });

  it('refuses a signed body with a changed chunk as SignatureDoesNotMatch', async () => {
    const tampered = signedBody(['hello', ' world']).replace('hello', 'jello');
    await expect(decode(tampered, SEED)).rejects.toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a chunk without a signature when the request promised signed chunks', async () => {
    await expect(decode('5\r\nhello\r\n0\r\n\r\n', SEED)).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('refuses a body cut before its final chunk with IncompleteBody', async () => {
    await expect(decode('5\r\nhello\r\n')).rejects.toMatchObject({ status: 400, code: 'IncompleteBody' });
  });

  it('refuses a chunk longer than its declared size', async () => {
    await expect(decode('2\r\nhello\r\n0\r\n\r\n')).rejects.toMatchObject({
      status: 400,
      code: 'InvalidChunkSizeError',
    });
  });
});
