import { z } from 'zod';
import { objectKeyFor } from '../file-id';
import { normalizeContentType, normalizeFileName } from '../file-name';

/** The fields of a file's record that its object carries, written with the body. */
export interface RecordMetadata {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  /** The owner id (a digest of the secret, or a sub); never the secret itself. */
  readonly ownerId?: string;
  readonly uploadedAt: string;
  readonly uploadedBy: string;
  /** How the body arrived: `app` bodies were hashed (SHA-256) by the app; `direct` ones carry S3's checksum. */
  readonly source: 'app' | 'direct';
}

/** The marker and version every record-carrying object has; anything else is not the app's record. */
export const RECORD_METADATA_VERSION = '1';

/** S3 allows 2 KB of user metadata per object, keys and values together. */
const METADATA_LIMIT_BYTES = 2048;

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const encoded = z
  .string()
  .regex(BASE64URL)
  .transform((value) => Buffer.from(value, 'base64url').toString('utf8'));
const isoTime = z.iso.datetime();

// S3 metadata is ASCII and its keys arrive lowercased, so free text is base64url and keys are lowercase.
const recordSchema = z.strictObject({
  'ha-record': z.literal(RECORD_METADATA_VERSION),
  'ha-id': z.string(),
  'ha-name': encoded,
  'ha-content-type': encoded,
  'ha-owner': encoded.optional(),
  'ha-uploaded-at': isoTime,
  'ha-uploaded-by': encoded,
  'ha-source': z.enum(['app', 'direct']),
});

/** The object metadata (without the `x-amz-meta-` prefix) that carries `record`. */
export function encodeRecordMetadata(record: RecordMetadata): Record<string, string> {
  const metadata: Record<string, string> = {
    'ha-record': RECORD_METADATA_VERSION,
    'ha-id': record.id,
    'ha-name': b64(record.name),
    'ha-content-type': b64(record.contentType),
    ...(record.ownerId !== undefined && { 'ha-owner': b64(record.ownerId) }),
    'ha-uploaded-at': record.uploadedAt,
    'ha-uploaded-by': b64(record.uploadedBy),
    'ha-source': record.source,
  };
  const bytes = Object.entries(metadata).reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  if (bytes > METADATA_LIMIT_BYTES)
    throw new RangeError(`record metadata of ${record.id} is ${bytes} bytes, over S3's ${METADATA_LIMIT_BYTES}`);
  return metadata;
}

/** The app's own (`ha-`) entries of an object's metadata, keys lowercased as S3 returns them. */
export function appMetadata(metadata: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metadata ?? {})
      .map(([key, value]) => [key.toLowerCase(), value])
      .filter(([key]) => key.startsWith('ha-')),
  );
}

/** What an object's metadata says: the record it carries, or why it is not the app's (foreign). */
export type DecodedRecord =
  { readonly ok: true; readonly record: RecordMetadata } | { readonly ok: false; readonly reason: string };

/**
 * Reads the record an object at `objectKey` carries. Integrity is a schema check, not a signature: the marker and
 * version, every field well formed, the id naming this very key, and name and type as the app itself normalizes
 * them; anything else (absent, tampered or foreign metadata) is refused with the reason.
 */
export function decodeRecordMetadata(
  objectKey: string,
  metadata: Readonly<Record<string, string>> | undefined,
): DecodedRecord {
  const ours = appMetadata(metadata);
  if (ours['ha-record'] === undefined) return { ok: false, reason: 'no record metadata' };
  const parsed = recordSchema.safeParse(ours);
  if (!parsed.success)
    return {
      ok: false,
      reason: `invalid record metadata: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`,
    };
  const m = parsed.data;
  if (objectKeyFor(m['ha-id']) !== objectKey) return { ok: false, reason: 'record id does not match the object key' };
  if (!isStoredName(m['ha-name'])) return { ok: false, reason: 'record name is not one the app stores' };
  if (normalizeContentType(m['ha-content-type']) !== m['ha-content-type'])
    return { ok: false, reason: 'record content type is not one the app stores' };
  if (m['ha-owner'] === '' || m['ha-uploaded-by'] === '')
    return { ok: false, reason: 'record owner or uploader is empty' };
  return {
    ok: true,
    record: {
      id: m['ha-id'],
      name: m['ha-name'],
      contentType: m['ha-content-type'],
      ...(m['ha-owner'] !== undefined && { ownerId: m['ha-owner'] }),
      uploadedAt: m['ha-uploaded-at'],
      uploadedBy: m['ha-uploaded-by'],
      source: m['ha-source'],
    },
  };
}

// A name the app would store unchanged; one it would refuse (empty, "..") is not the app's either.
function isStoredName(name: string): boolean {
  try {
    return normalizeFileName(name) === name;
  } catch {
    return false;
  }
}
