import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { CHECKSUM_ALGORITHMS, compositeChecksum, multipartEtag, type ChecksumAlgorithm } from './checksums';
import { checkKey, checksumHeaders, requestTags } from './objects';
import { sendEmpty, sendXml } from './respond';
import { header, queryParam, readXmlBody, withVerifiedBody, type S3Request } from './s3-context';
import { S3Error, s3Errors } from './s3-error';
import { storedHeadersOf } from './stored-headers';
import type { PartRecord } from './upload-store';
import { manyOf, textOf } from './xml';

const MAX_PART_BYTES = 5 * 1024 ** 3;
/** Every part but the last must be at least this large at CompleteMultipartUpload. */
const MIN_PART_BYTES = 5 * 1024 ** 2;
const MAX_PART_NUMBER = 10_000;

/** CreateMultipartUpload: the headers and metadata given here land on the completed object. */
export async function createUpload(request: S3Request): Promise<void> {
  checkKey(request.key);
  await request.state.buckets.get(request.bucket);
  const algorithm = checksumAlgorithmOf(header(request, 'x-amz-checksum-algorithm'));
  const checksumType = header(request, 'x-amz-checksum-type');
  if (checksumType !== undefined && checksumType !== 'COMPOSITE')
    throw s3Errors.notImplemented(`x-amz-checksum-type: ${checksumType}`);
  const tags = requestTags(request);
  const upload = await request.state.uploads.create(request.bucket, {
    key: request.key,
    ...storedHeadersOf(request.req.headers),
    checksumAlgorithm: algorithm,
    ...(tags && { tags }),
  });
  const checksum = algorithm ? { ChecksumAlgorithm: algorithm, ChecksumType: 'COMPOSITE' } : {};
  sendXml(request.res, 'InitiateMultipartUploadResult', {
    Bucket: request.bucket,
    Key: request.key,
    UploadId: upload.uploadId,
    ...checksum,
  });
}

/** UploadPart: verified like PutObject; an upload created with a checksum algorithm computes it for every part. */
export async function uploadPart(request: S3Request): Promise<void> {
  const partNumber = partNumberOf(queryParam(request, 'partNumber'));
  const upload = await request.state.uploads.get(request.bucket, request.key, uploadIdOf(request));
  const part = await withVerifiedBody(
    request,
    { maxBytes: MAX_PART_BYTES, alsoCompute: upload.checksumAlgorithm ? [upload.checksumAlgorithm] : [] },
    (payload, tempPath) => {
      if (payload.checksum && upload.checksumAlgorithm && payload.checksum.algorithm !== upload.checksumAlgorithm) {
        throw s3Errors.invalidRequest(
          `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${payload.checksum.algorithm.toLowerCase()}`,
        );
      }
      const algorithm = upload.checksumAlgorithm ?? payload.checksum?.algorithm;
      const checksum = algorithm && { algorithm, value: payload.computed[algorithm] as string };
      return request.state.uploads.commitPart(
        request.bucket,
        upload,
        { partNumber, size: payload.size, etag: payload.etag, checksum },
        tempPath,
      );
    },
  );
  sendEmpty(request.res, 200, {
    etag: part.etag,
    ...(part.checksum && checksumHeaders({ checksum: { ...part.checksum, type: 'COMPOSITE' } })),
  });
}

/** ListParts, paginated by part number marker. */
export async function listParts(request: S3Request): Promise<void> {
  const uploadId = uploadIdOf(request);
  const upload = await request.state.uploads.get(request.bucket, request.key, uploadId);
  const maxParts = boundedInt(queryParam(request, 'max-parts'), 1000, 'max-parts');
  const marker = boundedInt(queryParam(request, 'part-number-marker'), 0, 'part-number-marker');
  const after = (await request.state.uploads.parts(request.bucket, uploadId)).filter((p) => p.partNumber > marker);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  sendXml(request.res, 'ListPartsResult', {
    Bucket: request.bucket,
    Key: request.key,
    UploadId: uploadId,
    PartNumberMarker: marker,
    ...(page.length > 0 && { NextPartNumberMarker: page[page.length - 1].partNumber }),
    MaxParts: maxParts,
    IsTruncated: truncated,
    ...(upload.checksumAlgorithm && { ChecksumAlgorithm: upload.checksumAlgorithm, ChecksumType: 'COMPOSITE' }),
    StorageClass: 'STANDARD',
    Part: page.map((p) => ({
      PartNumber: p.partNumber,
      LastModified: p.lastModified,
      ETag: p.etag,
      Size: p.size,
      ...partChecksumField(p),
    })),
  });
}

/** AbortMultipartUpload: the upload and its parts are removed from disk. */
export async function abortUpload(request: S3Request): Promise<void> {
  const uploadId = uploadIdOf(request);
  await request.state.uploads.get(request.bucket, request.key, uploadId);
  await request.state.uploads.remove(request.bucket, uploadId);
  sendEmpty(request.res, 204);
}

/**
 * CompleteMultipartUpload: every listed part must exist with that ETag (and checksum), in ascending order, all but
 * the last at least 5 MiB; the parts are joined into the object, which honours If-None-Match like PutObject.
 */
export async function completeUpload(request: S3Request): Promise<void> {
  const uploadId = uploadIdOf(request);
  const upload = await request.state.uploads.get(request.bucket, request.key, uploadId);
  const listed = manyOf(await readXmlBody(request, 'CompleteMultipartUpload'), 'Part');
  if (listed.length === 0) throw s3Errors.malformedXml();
  const stored = new Map((await request.state.uploads.parts(request.bucket, uploadId)).map((p) => [p.partNumber, p]));
  const numbers = listed.map((entry) => Number(textOf(entry, 'PartNumber')));
  // S3 checks the order, then that every part exists as listed, then the sizes.
  if (numbers.some((n, i) => i > 0 && n <= numbers[i - 1])) {
    throw new S3Error(
      400,
      'InvalidPartOrder',
      'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
    );
  }
  const parts = listed.map((entry, i) => {
    const part = stored.get(numbers[i]);
    const checksum = upload.checksumAlgorithm && textOf(entry, `Checksum${upload.checksumAlgorithm}`);
    if (
      !part ||
      normalizeEtag(textOf(entry, 'ETag')) !== part.etag ||
      (checksum !== undefined && checksum !== part.checksum?.value)
    ) {
      throw new S3Error(
        400,
        'InvalidPart',
        "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
        { UploadId: uploadId, PartNumber: numbers[i] },
      );
    }
    return part;
  });
  const small = parts.find((part, i) => i < parts.length - 1 && part.size < MIN_PART_BYTES);
  if (small) {
    throw new S3Error(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', {
      ProposedSize: small.size,
      MinSizeAllowed: MIN_PART_BYTES,
      PartNumber: small.partNumber,
    });
  }
  const tempPath = request.state.layout.tempPath();
  try {
    for (const [i, part] of parts.entries()) {
      await pipeline(
        createReadStream(request.state.uploads.partBodyPath(request.bucket, uploadId, part)),
        createWriteStream(tempPath, { flags: i === 0 ? 'w' : 'a' }),
      );
    }
    const checksum = upload.checksumAlgorithm && {
      algorithm: upload.checksumAlgorithm,
      value: compositeChecksum(
        upload.checksumAlgorithm,
        parts.map((p) => p.checksum?.value ?? ''),
      ),
      type: 'COMPOSITE' as const,
    };
    const record = await request.state.objects.commit(
      request.bucket,
      {
        key: request.key,
        size: parts.reduce((sum, p) => sum + p.size, 0),
        etag: multipartEtag(parts.map((p) => p.etag)),
        headers: upload.headers,
        metadata: upload.metadata,
        ...(upload.tags && { tags: upload.tags }),
        checksum,
      },
      tempPath,
      { ifNoneMatch: header(request, 'if-none-match'), ifMatch: header(request, 'if-match') },
    );
    await request.state.uploads.remove(request.bucket, uploadId);
    sendXml(request.res, 'CompleteMultipartUploadResult', {
      Location: `/${request.bucket}/${encodeURIComponent(request.key)}`,
      Bucket: request.bucket,
      Key: request.key,
      ETag: record.etag,
      ...(checksum && { [`Checksum${checksum.algorithm}`]: checksum.value, ChecksumType: 'COMPOSITE' }),
    });
  } finally {
    await rm(tempPath, { force: true });
  }
}

function partChecksumField(part: PartRecord): Record<string, string> {
  return part.checksum ? { [`Checksum${part.checksum.algorithm}`]: part.checksum.value } : {};
}

function uploadIdOf(request: S3Request): string {
  const uploadId = queryParam(request, 'uploadId');
  if (!uploadId) throw s3Errors.noSuchUpload('');
  return uploadId;
}

function partNumberOf(value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PART_NUMBER) {
    throw s3Errors.invalidArgument(
      'Part number must be an integer between 1 and 10000, inclusive',
      'partNumber',
      value,
    );
  }
  return n;
}

/** A non-negative integer query parameter (capped at 1000, as S3 caps page sizes), or the default. */
export function boundedInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw s3Errors.invalidArgument(`Provided ${name} not an integer or within integer range`, name, value);
  return name.startsWith('max-') ? Math.min(n, 1000) : n;
}

function checksumAlgorithmOf(value: string | undefined): ChecksumAlgorithm | undefined {
  if (value === undefined) return undefined;
  const algorithm = CHECKSUM_ALGORITHMS.find((a) => a === value.toUpperCase());
  if (!algorithm) throw s3Errors.invalidRequest(`Checksum algorithm provided is unsupported: ${value}`);
  return algorithm;
}

/** ETags are compared with their quotes, which clients sometimes drop. */
function normalizeEtag(etag: string | undefined): string {
  const bare = (etag ?? '').replace(/^"|"$/g, '');
  return `"${bare}"`;
}
