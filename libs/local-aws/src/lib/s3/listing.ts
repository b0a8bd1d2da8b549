import { boundedInt } from './multipart';
import { sendXml } from './respond';
import { queryParam, type S3Request } from './s3-context';
import { s3Errors } from './s3-error';

/** ListObjectsV2 with Prefix, StartAfter, MaxKeys and ContinuationToken (no Delimiter: the app lists flat). */
export async function listObjectsV2(request: S3Request): Promise<void> {
  await request.state.buckets.get(request.bucket);
  if (queryParam(request, 'delimiter')) throw s3Errors.notImplemented('delimiter');
  const prefix = queryParam(request, 'prefix') ?? '';
  const startAfter = queryParam(request, 'start-after');
  const token = queryParam(request, 'continuation-token');
  const maxKeys = boundedInt(queryParam(request, 'max-keys'), 1000, 'max-keys');
  const after = token !== undefined ? decodeToken(token) : startAfter;
  const matching = (await request.state.objects.list(request.bucket)).filter(
    (o) =>
      o.key.startsWith(prefix) && (after === undefined || Buffer.compare(Buffer.from(o.key), Buffer.from(after)) > 0),
  );
  const page = matching.slice(0, maxKeys);
  const truncated = matching.length > page.length;
  sendXml(request.res, 'ListBucketResult', {
    Name: request.bucket,
    Prefix: prefix,
    ...(startAfter !== undefined && { StartAfter: startAfter }),
    ...(token !== undefined && { ContinuationToken: token }),
    KeyCount: page.length,
    MaxKeys: maxKeys,
    IsTruncated: truncated,
    ...(truncated && { NextContinuationToken: Buffer.from(page[page.length - 1].key).toString('base64url') }),
    Contents: page.map((o) => ({
      Key: o.key,
      LastModified: o.lastModified,
      ETag: o.etag,
      Size: o.size,
      StorageClass: 'STANDARD',
    })),
  });
}

/** ListMultipartUploads with Prefix, KeyMarker/UploadIdMarker and MaxUploads. */
export async function listUploads(request: S3Request): Promise<void> {
  await request.state.buckets.get(request.bucket);
  const prefix = queryParam(request, 'prefix') ?? '';
  const keyMarker = queryParam(request, 'key-marker') ?? '';
  const idMarker = queryParam(request, 'upload-id-marker') ?? '';
  const maxUploads = boundedInt(queryParam(request, 'max-uploads'), 1000, 'max-uploads');
  const matching = (await request.state.uploads.list(request.bucket)).filter(
    (u) =>
      u.key.startsWith(prefix) &&
      (u.key > keyMarker || (u.key === keyMarker && idMarker !== '' && u.uploadId > idMarker)),
  );
  const page = matching.slice(0, maxUploads);
  const truncated = matching.length > page.length;
  const last = page[page.length - 1];
  sendXml(request.res, 'ListMultipartUploadsResult', {
    Bucket: request.bucket,
    KeyMarker: keyMarker,
    UploadIdMarker: idMarker,
    ...(truncated && last && { NextKeyMarker: last.key, NextUploadIdMarker: last.uploadId }),
    Prefix: prefix,
    MaxUploads: maxUploads,
    IsTruncated: truncated,
    Upload: page.map((u) => ({ Key: u.key, UploadId: u.uploadId, Initiated: u.initiated, StorageClass: 'STANDARD' })),
  });
}

function decodeToken(token: string): string {
  const key = Buffer.from(token, 'base64url').toString('utf8');
  if (key === '' || Buffer.from(key).toString('base64url') !== token)
    throw s3Errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  return key;
}
