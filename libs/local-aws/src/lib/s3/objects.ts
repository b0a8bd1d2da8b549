import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { checksumHeader } from './checksums';
import { parseRange } from './byte-range';
import type { ObjectRecord } from './object-store';
import { httpDate, sendEmpty } from './respond';
import { header, queryParam, withVerifiedBody, type S3Request } from './s3-context';
import { tagsOfHeader, type TagSet } from './object-tags';
import { S3Error, s3Errors } from './s3-error';
import { checkGatedRead, checkScanTagWrite } from './scan-gate';
import { STORED_HEADERS, storedHeadersOf, storedResponseHeaders } from './stored-headers';

/** S3's largest single PutObject. */
const MAX_PUT_BYTES = 5 * 1024 ** 3;
const MAX_KEY_BYTES = 1024;
/** Signed `response-*` query parameters override these response headers, as on S3. */
const OVERRIDES = STORED_HEADERS;

/** Refuses keys S3 refuses. */
export function checkKey(key: string): void {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Error(400, 'KeyTooLongError', 'Your key is too long');
}

/** PutObject: the body is stored only once complete and verified, and only if the conditions hold. */
export async function putObject(request: S3Request): Promise<void> {
  checkKey(request.key);
  if (header(request, 'x-amz-copy-source') !== undefined) throw s3Errors.notImplemented('x-amz-copy-source');
  await request.state.buckets.get(request.bucket);
  const stored = storedHeadersOf(request.req.headers);
  const tags = requestTags(request);
  const record = await withVerifiedBody(request, { maxBytes: MAX_PUT_BYTES }, (payload, tempPath) =>
    request.state.objects.commit(
      request.bucket,
      {
        key: request.key,
        size: payload.size,
        etag: payload.etag,
        ...stored,
        ...(tags && { tags }),
        checksum: payload.checksum && { ...payload.checksum, type: 'FULL_OBJECT' },
      },
      tempPath,
      { ifNoneMatch: header(request, 'if-none-match'), ifMatch: header(request, 'if-match') },
    ),
  );
  sendEmpty(request.res, 200, { etag: record.etag, ...checksumHeaders(record) });
}

/** GetObject and HeadObject, with ranges, conditional headers and signed response overrides. */
export async function getObject(request: S3Request, withBody: boolean): Promise<void> {
  await request.state.buckets.get(request.bucket);
  const record = await request.state.objects.read(request.bucket, request.key);
  if (!record) throw withBody ? s3Errors.noSuchKey(request.key) : new S3Error(404, 'NotFound', 'Not Found');
  checkGatedRead(request.state.scanGate, request.bucket, request.signature.accessKeyId, record.tags);
  const ifMatch = header(request, 'if-match');
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== record.etag)
    throw s3Errors.preconditionFailed('If-Match');
  if (header(request, 'if-none-match') === record.etag) {
    sendEmpty(request.res, 304, { etag: record.etag, 'last-modified': httpDate(record.lastModified) });
    return;
  }
  const range = parseRange(header(request, 'range'), record.size);
  const headers: Record<string, string | number> = {
    ...storedResponseHeaders(record),
    ...responseOverrides(request),
    etag: record.etag,
    'last-modified': httpDate(record.lastModified),
    'accept-ranges': 'bytes',
    ...(record.tags && { 'x-amz-tagging-count': Object.keys(record.tags).length }),
    'content-length': range ? range.end - range.start + 1 : record.size,
    // The browser must never render a stored body as a page of the app's site (see the README).
    'x-content-type-options': 'nosniff',
    ...(range && { 'content-range': `bytes ${range.start}-${range.end}/${record.size}` }),
    ...(!range && header(request, 'x-amz-checksum-mode') === 'ENABLED' && checksumHeaders(record)),
  };
  headers['content-disposition'] ??= 'attachment';
  if (!withBody) {
    request.res.writeHead(range ? 206 : 200, headers);
    request.res.end();
    return;
  }
  const body = request.state.objects.openBody(request.bucket, record, range);
  // Opened before the status is sent, so a body removed by a racing overwrite is still an S3 error.
  await once(body, 'open').catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'ENOENT' ? s3Errors.noSuchKey(request.key) : err;
  });
  request.res.writeHead(range ? 206 : 200, headers);
  await pipeline(body, request.res).catch((err: unknown) => {
    // A client that stops reading mid-body is its own business, not a server failure.
    if (!request.res.destroyed) throw err;
  });
}

/** DeleteObject: 204 whether or not the key existed, as on S3. */
export async function deleteObject(request: S3Request): Promise<void> {
  await request.state.buckets.get(request.bucket);
  await request.state.objects.delete(request.bucket, request.key);
  sendEmpty(request.res, 204);
}

/** The request's `x-amz-tagging`, validated and allowed by the bucket policy; undefined when absent or empty. */
export function requestTags(request: S3Request): TagSet | undefined {
  const tags = tagsOfHeader(header(request, 'x-amz-tagging'));
  checkScanTagWrite(request.state.scanGate, request.bucket, request.signature.accessKeyId, { after: tags });
  return tags && Object.keys(tags).length > 0 ? tags : undefined;
}

/** The object's checksum headers (and type), as S3 returns them with checksum mode. */
export function checksumHeaders(record: Pick<ObjectRecord, 'checksum'>): Record<string, string> {
  if (!record.checksum) return {};
  return {
    [checksumHeader(record.checksum.algorithm)]: record.checksum.value,
    'x-amz-checksum-type': record.checksum.type,
  };
}

function responseOverrides(request: S3Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of OVERRIDES) {
    const value = queryParam(request, `response-${name}`);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
