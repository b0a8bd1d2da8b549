import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './s3-error';

/** Representation headers S3 stores with an object and returns on GET and HEAD. */
export const STORED_HEADERS = [
  'content-type',
  'content-disposition',
  'content-encoding',
  'content-language',
  'cache-control',
  'expires',
] as const;
/** S3's limit on the user metadata of one object. */
const MAX_METADATA_BYTES = 2048;
const META_PREFIX = 'x-amz-meta-';

/** The representation headers and user metadata of a PutObject or CreateMultipartUpload. */
export function storedHeadersOf(headers: IncomingHttpHeaders): {
  headers: Record<string, string>;
  metadata: Record<string, string>;
} {
  const stored: Record<string, string> = { 'content-type': 'binary/octet-stream' };
  for (const name of STORED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') stored[name] = value;
  }
  // aws-chunked is the transfer framing, not the object's encoding.
  const encoding = stored['content-encoding']
    ?.split(',')
    .map((t) => t.trim())
    .filter((t) => t && t !== 'aws-chunked');
  if (encoding && encoding.length > 0) stored['content-encoding'] = encoding.join(', ');
  else delete stored['content-encoding'];
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(META_PREFIX) || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : value;
    metadata[name.slice(META_PREFIX.length)] = text;
    bytes += Buffer.byteLength(name.slice(META_PREFIX.length)) + Buffer.byteLength(text);
  }
  if (bytes > MAX_METADATA_BYTES) {
    throw new S3Error(400, 'MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size', {
      MaxSizeAllowed: MAX_METADATA_BYTES,
    });
  }
  return { headers: stored, metadata };
}

/** The stored headers and metadata as response headers. */
export function storedResponseHeaders(stored: {
  headers: Record<string, string>;
  metadata: Record<string, string>;
}): Record<string, string> {
  const out: Record<string, string> = { ...stored.headers };
  for (const [name, value] of Object.entries(stored.metadata)) out[`${META_PREFIX}${name}`] = value;
  return out;
}
