import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { getCanonicalQuery, getSigningKey } from '@smithy/signature-v4';
import { S3Error, s3Errors } from './s3-error';

/** The credentials a request must be signed with. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** What a verified request was signed with; streaming bodies chain their chunk signatures from it. */
export interface VerifiedSignature {
  /** The access key that signed: who is asking (the app or the scanner). */
  readonly accessKeyId: string;
  readonly presigned: boolean;
  /** The signed `x-amz-content-sha256`: a hex digest, `UNSIGNED-PAYLOAD` or a `STREAMING-*` mode. */
  readonly payloadHash: string;
  readonly signature: string;
  readonly amzDate: string;
  readonly scope: string;
  readonly signingKey: Uint8Array;
}

/** The parts of a request that SigV4 covers. */
export interface SignableRequest {
  readonly method: string;
  /** The path exactly as sent (still percent-encoded). */
  readonly rawPath: string;
  /** Query parameters, decoded; repeated names as arrays. */
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: IncomingHttpHeaders;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const MAX_SKEW_MS = 15 * 60_000;
const MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;

/** node:crypto behind the hash interface the smithy signer derives keys with (HMAC when given a secret). */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

/** HMAC-SHA256 of a string to sign, as lowercase hex. */
export function signWithKey(signingKey: Uint8Array, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

/** Lowercase hex SHA-256 of a string or bytes. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** How a service other than S3 signs: its name, and the body's hash when it sends no x-amz-content-sha256. */
export interface ServiceSigning {
  readonly service: string;
  readonly payloadHash?: string;
}

/**
 * Verifies the request's SigV4 signature (Authorization header or presigned query) against whichever of the
 * accepted credentials its access key names.
 */
export async function verifySignature(
  request: SignableRequest,
  accepted: SigningCredentials | readonly SigningCredentials[],
  now = new Date(),
  signing: ServiceSigning = { service: 's3' },
): Promise<VerifiedSignature> {
  const presigned = request.query['X-Amz-Signature'] !== undefined;
  const auth = presigned ? fromQuery(request, now) : fromHeader(request, now, signing.payloadHash);
  const all: readonly SigningCredentials[] = Array.isArray(accepted) ? accepted : [accepted];
  const credentials = all.find((c) => c.accessKeyId === auth.accessKeyId);
  if (!credentials) {
    throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: auth.accessKeyId,
    });
  }
  const [shortDate, region, service, terminator] = auth.scope.split('/');
  const scopeOk =
    shortDate === auth.amzDate.slice(0, 8) && service === signing.service && terminator === 'aws4_request';
  if (!scopeOk || !region) {
    throw new S3Error(
      400,
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the Credential scope is wrong: ${auth.scope}`,
    );
  }
  rejectUnsignedAmzHeaders(request.headers, auth.signedHeaders);
  const canonical = canonicalRequest(request, auth.signedHeaders, auth.payloadHash);
  const stringToSign = [ALGORITHM, auth.amzDate, auth.scope, sha256Hex(canonical)].join('\n');
  const signingKey = await getSigningKey(NodeSha256, credentials, shortDate, region, service);
  if (!sameHex(signWithKey(signingKey, stringToSign), auth.signature)) throw s3Errors.signatureMismatch();
  return {
    accessKeyId: credentials.accessKeyId,
    presigned,
    payloadHash: auth.payloadHash,
    signature: auth.signature,
    amzDate: auth.amzDate,
    scope: auth.scope,
    signingKey,
  };
}

/** Compares two hex signatures in constant time. */
export function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface ClaimedAuth {
  accessKeyId: string;
  scope: string;
  amzDate: string;
  signedHeaders: string[];
  signature: string;
  payloadHash: string;
}

function fromHeader(request: SignableRequest, now: Date, bodyHash?: string): ClaimedAuth {
  const header = single(request.headers.authorization);
  if (!header) throw s3Errors.accessDenied();
  const match = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    header.trim(),
  );
  if (!match) throw new S3Error(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
  const amzDate = single(request.headers['x-amz-date']);
  if (!amzDate || !parseAmzDate(amzDate))
    throw s3Errors.accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  const skew = Math.abs(now.getTime() - (parseAmzDate(amzDate) as Date).getTime());
  if (skew > MAX_SKEW_MS)
    throw new S3Error(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
    );
  const payloadHash = bodyHash ?? single(request.headers['x-amz-content-sha256']);
  if (!payloadHash) throw s3Errors.invalidRequest('Missing required header for this request: x-amz-content-sha256');
  const [accessKeyId, ...scope] = match[1].split('/');
  return {
    accessKeyId,
    scope: scope.join('/'),
    amzDate,
    signedHeaders: match[2].split(';'),
    signature: match[3],
    payloadHash,
  };
}

function fromQuery(request: SignableRequest, now: Date): ClaimedAuth {
  const param = (name: string) => {
    const value = request.query[name];
    if (typeof value !== 'string') {
      throw new S3Error(
        400,
        'AuthorizationQueryParametersError',
        `Query-string authentication version 4 requires the ${name} parameter.`,
      );
    }
    return value;
  };
  if (param('X-Amz-Algorithm') !== ALGORITHM)
    throw new S3Error(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const amzDate = param('X-Amz-Date');
  const signedAt = parseAmzDate(amzDate);
  const expires = Number(param('X-Amz-Expires'));
  if (!signedAt || !Number.isInteger(expires) || expires < 0 || expires > MAX_PRESIGNED_SECONDS) {
    throw new S3Error(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Date and X-Amz-Expires must be a valid date and a number of seconds up to 604800.',
    );
  }
  if (now.getTime() > signedAt.getTime() + expires * 1000) throw s3Errors.accessDenied('Request has expired');
  if (signedAt.getTime() - now.getTime() > MAX_SKEW_MS) throw s3Errors.accessDenied('Request is not valid yet');
  const [accessKeyId, ...scope] = param('X-Amz-Credential').split('/');
  const signature = param('X-Amz-Signature');
  const payloadHash = single(request.headers['x-amz-content-sha256']) ?? UNSIGNED_PAYLOAD;
  return {
    accessKeyId,
    scope: scope.join('/'),
    amzDate,
    signedHeaders: param('X-Amz-SignedHeaders').split(';'),
    signature,
    payloadHash,
  };
}

/** S3 refuses x-amz-* headers that the signature does not cover (they would change the request unsigned). */
function rejectUnsignedAmzHeaders(headers: IncomingHttpHeaders, signed: readonly string[]): void {
  if (!signed.includes('host')) throw s3Errors.accessDenied('Host must be a signed header');
  const unsigned = Object.keys(headers).filter((name) => name.startsWith('x-amz-') && !signed.includes(name));
  if (unsigned.length > 0)
    throw s3Errors.accessDenied(
      `There were headers present in the request which were not signed: ${unsigned.join(', ')}`,
    );
}

function canonicalRequest(request: SignableRequest, signedHeaders: readonly string[], payloadHash: string): string {
  const headerLines = signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}\n`).join('');
  const query = getCanonicalQuery({ query: request.query } as Parameters<typeof getCanonicalQuery>[0]);
  return [request.method, request.rawPath, query, headerLines, signedHeaders.join(';'), payloadHash].join('\n');
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `20260102T030405Z` as a Date, or undefined when malformed. */
function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
