import type { Actor } from '../actor';
import { GoneError, InvalidInputError, NotFoundError, NotOwnerError } from '../errors';
import { isFileId, newFileId, objectKeyFor } from '../file-id';
import { normalizeContentType, normalizeFileName } from '../file-name';
import type { CatalogEntry, FileRecord } from '../file-record';
import { toFileRecord } from '../file-service';
import type { BlobStore, FileCatalog } from '../ports';
import type { MultipartStore, SignedRequest } from './multipart-store';
import { partLength, planParts } from './part-plan';
import { compositeChecksum, isPartChecksum } from './part-checksum';
import type { SessionPart, UploadSession } from './upload-session';

/** How long a session may take before it expires and the sweeper aborts it. */
export const DEFAULT_SESSION_LIFETIME_SECONDS = 86_400;
/** Most parts one sign call returns. */
export const MAX_SIGN_BATCH = 100;

/** What UploadSessionService needs. */
export interface UploadSessionServiceProps {
  readonly catalog: FileCatalog;
  readonly multipart: MultipartStore;
  /** Deletes a completed object that failed its size check. */
  readonly blobs: BlobStore;
  /** Largest declared size accepted. */
  readonly maxBytes: number;
  /** @default DEFAULT_SESSION_LIFETIME_SECONDS */
  readonly sessionLifetimeSeconds?: number;
  /** @default - the system clock */
  readonly clock?: () => Date;
  /** @default - a new ULID */
  readonly newId?: () => string;
}

/** A new session as the client sees it. */
export interface CreatedSession {
  readonly id: string;
  readonly partSize: number;
  readonly partCount: number;
  readonly expiresAt: string;
}

/** Which parts are stored, and who says so: S3's ListParts, or (where the store cannot list) the client's confirmations. */
export interface SessionStatus extends CreatedSession {
  readonly size: number;
  readonly name: string;
  readonly parts: readonly SessionPart[];
  readonly partsFrom: 'store' | 'client';
}

/** A part the client asks to sign or confirms. */
export interface PartRequest {
  readonly partNumber: unknown;
  readonly checksum: unknown;
}

/**
 * Direct uploads to S3: the client sends the parts itself with presigned URLs. Every call reads the session from
 * its PENDING catalog entry, so any instance serves any call; only its owner may use or abort it.
 */
export class UploadSessionService {
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly lifetimeMs: number;

  constructor(private readonly props: UploadSessionServiceProps) {
    this.clock = props.clock ?? (() => new Date());
    this.newId = props.newId ?? newFileId;
    this.lifetimeMs = (props.sessionLifetimeSeconds ?? DEFAULT_SESSION_LIFETIME_SECONDS) * 1000;
  }

  /** Checks the declared size, starts the S3 multipart upload and records the PENDING entry with its session. */
  async create(
    meta: { readonly name: unknown; readonly size: unknown; readonly contentType?: unknown; readonly ownerId: string },
    uploadedBy: string,
  ): Promise<CreatedSession> {
    const plan = planParts(meta.size, this.props.maxBytes);
    const name = normalizeFileName(typeof meta.name === 'string' ? meta.name : '');
    const contentType = normalizeContentType(typeof meta.contentType === 'string' ? meta.contentType : undefined);
    const id = this.newId();
    const objectKey = objectKeyFor(id);
    const uploadId = await this.props.multipart.create(objectKey, { contentType });
    const now = this.clock().toISOString();
    const session: UploadSession = { uploadId, size: meta.size as number, ...plan, createdAt: now, parts: {} };
    try {
      await this.props.catalog.putPending({ id, name, contentType, objectKey, uploadedBy, uploadedAt: now, ownerId: meta.ownerId, session });
    } catch (err) {
      await this.props.multipart.abort(objectKey, uploadId).catch(() => undefined);
      throw err;
    }
    return { id, ...plan, expiresAt: this.expiresAt(session) };
  }

  /** Presigned PUT URLs for a batch of parts, each bound to its number, length and SHA-256. */
  async sign(id: string, actor: Actor, parts: unknown): Promise<{ parts: (SignedRequest & { partNumber: number })[] }> {
    const entry = await this.openSession(id, actor);
    const session = entry.session as UploadSession;
    if (!Array.isArray(parts) || parts.length === 0 || parts.length > MAX_SIGN_BATCH) {
      throw new InvalidInputError('INVALID_PARTS', `parts must be a list of 1 to ${MAX_SIGN_BATCH} {partNumber, checksum}, got ${describe(parts)}`);
    }
    const signed = [];
    for (const part of parts as PartRequest[]) {
      const partNumber = checkPartNumber(part?.partNumber, session);
      const checksum = checkChecksum(part?.checksum);
      const request = await this.props.multipart.signPart(entry.objectKey, session.uploadId, { partNumber, size: partLength(session, partNumber), checksum });
      signed.push({ partNumber, ...request });
    }
    return { parts: signed };
  }

  /** Records a part the client stored (its ETag from S3's answer), so the status can resume where S3 cannot list. */
  async confirm(id: string, actor: Actor, part: { readonly partNumber: unknown; readonly etag: unknown; readonly checksum: unknown }): Promise<void> {
    const entry = await this.openSession(id, actor);
    const session = entry.session as UploadSession;
    const partNumber = checkPartNumber(part.partNumber, session);
    const checksum = checkChecksum(part.checksum);
    if (typeof part.etag !== 'string' || part.etag.length === 0 || part.etag.length > 128) {
      throw new InvalidInputError('INVALID_ETAG', `etag must be the ETag S3 returned for the part, got ${describe(part.etag)}`);
    }
    const recorded = await this.props.catalog.recordSessionPart(id, { partNumber, etag: part.etag, checksum, size: partLength(session, partNumber) });
    if (!recorded) throw sessionNotFound();
  }

  /** Which parts are stored: ListParts where the store has it, else the parts the client confirmed. */
  async status(id: string, actor: Actor): Promise<SessionStatus> {
    const entry = await this.openSession(id, actor);
    const session = entry.session as UploadSession;
    const parts = await this.storedParts(entry);
    return {
      id,
      name: entry.name,
      size: session.size,
      partSize: session.partSize,
      partCount: session.partCount,
      expiresAt: this.expiresAt(session),
      parts,
      partsFrom: this.props.multipart.listsParts ? 'store' : 'client',
    };
  }

  /**
   * Joins the parts (every part, each as stored), checks the object's size against the declared one and marks the
   * file READY with the checksum S3 reports. A wrong size deletes the object and the entry: nothing is listed.
   */
  async complete(id: string, actor: Actor, parts: unknown): Promise<FileRecord> {
    const entry = await this.openSession(id, actor);
    const session = entry.session as UploadSession;
    const requested = checkCompleteList(parts, session);
    const stored = new Map((await this.storedParts(entry)).map((p) => [p.partNumber, p]));
    for (const part of requested) {
      const held = stored.get(part.partNumber);
      if (!held || held.etag !== part.etag || (held.checksum !== undefined && held.checksum !== part.checksum)) {
        throw new InvalidInputError('PARTS_MISMATCH', `part ${part.partNumber} is not stored as listed; ask for the status and send the parts it lacks`);
      }
    }
    const { multipart, catalog } = this.props;
    await multipart.complete(entry.objectKey, session.uploadId, requested);
    const object = await multipart.head(entry.objectKey);
    if (object.size !== session.size) {
      await this.discard(entry);
      throw new InvalidInputError('SIZE_MISMATCH', `the parts add up to ${object.size} bytes, not the declared ${session.size}; nothing was stored`);
    }
    // Where the store reports no checksum (s3rver), the composite of the parts' checksums stands in for it.
    const checksum = object.checksum ?? { algorithm: 'SHA256' as const, value: compositeChecksum(requested.map((p) => p.checksum)), type: 'COMPOSITE' as const };
    return toFileRecord(await catalog.markReady(id, { size: object.size, sha256: '', contentType: entry.contentType, checksum }));
  }

  /** The owner gives up: the multipart upload is aborted and the entry removed. */
  async abort(id: string, actor: Actor): Promise<void> {
    const entry = await this.ownedSessionEntry(id, actor);
    await this.discard(entry);
  }

  private async discard(entry: CatalogEntry): Promise<void> {
    const claimed = await this.props.catalog.markDeleting(entry.id, { state: entry.state, updatedAt: entry.updatedAt });
    if (!claimed) throw sessionNotFound();
    await this.props.multipart.abort(entry.objectKey, (entry.session as UploadSession).uploadId);
    // A completed object (size mismatch), or whatever a store without abort left under the key.
    await this.props.blobs.delete(entry.objectKey);
    await this.props.catalog.remove(entry.id);
  }

  private async storedParts(entry: CatalogEntry): Promise<SessionPart[]> {
    const session = entry.session as UploadSession;
    if (!this.props.multipart.listsParts) return Object.values(session.parts).sort((a, b) => a.partNumber - b.partNumber);
    const listed = await this.props.multipart.listParts(entry.objectKey, session.uploadId);
    return listed.map((p) => ({ partNumber: p.partNumber, etag: p.etag, size: p.size, checksum: p.checksum ?? session.parts[String(p.partNumber)]?.checksum ?? '' }));
  }

  /** The owner's live session, or a clear error: 404 unknown or aborted, 403 another owner's, 410 expired. */
  private async openSession(id: string, actor: Actor): Promise<CatalogEntry> {
    const entry = await this.ownedSessionEntry(id, actor);
    if (this.clock().getTime() >= Date.parse(this.expiresAt(entry.session as UploadSession))) {
      throw new GoneError('UPLOAD_SESSION_EXPIRED', 'This upload session has expired; start the upload again.');
    }
    return entry;
  }

  private async ownedSessionEntry(id: string, actor: Actor): Promise<CatalogEntry> {
    if (!isFileId(id)) throw new InvalidInputError('INVALID_SESSION_ID', 'An upload session id is 26 characters of Crockford base32 (a ULID).');
    const entry = await this.props.catalog.get(id);
    if (!entry || entry.state !== 'PENDING' || !entry.session) throw sessionNotFound();
    if (actor.ownerId === undefined || entry.ownerId !== actor.ownerId) {
      throw new NotOwnerError('Only the client that started this upload session can use it.');
    }
    return entry;
  }

  private expiresAt(session: UploadSession): string {
    return new Date(Date.parse(session.createdAt) + this.lifetimeMs).toISOString();
  }
}

function sessionNotFound(): NotFoundError {
  return new NotFoundError('No upload session with that id: it was completed, aborted or never existed.', 'UPLOAD_SESSION_NOT_FOUND');
}

function describe(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 80) ?? String(value);
}

function checkPartNumber(value: unknown, session: UploadSession): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > session.partCount) {
    throw new InvalidInputError('PART_OUT_OF_RANGE', `partNumber must be between 1 and ${session.partCount}, got ${describe(value)}`);
  }
  return value;
}

function checkChecksum(value: unknown): string {
  if (!isPartChecksum(value)) throw new InvalidInputError('INVALID_CHECKSUM', `checksum must be the part's base64 SHA-256 (44 characters), got ${describe(value)}`);
  return value;
}

function checkCompleteList(parts: unknown, session: UploadSession): { partNumber: number; etag: string; checksum: string }[] {
  if (!Array.isArray(parts)) throw new InvalidInputError('INVALID_PARTS', `parts must be a list of {partNumber, etag, checksum}, got ${describe(parts)}`);
  const byNumber = new Map<number, { partNumber: number; etag: string; checksum: string }>();
  for (const part of parts as { partNumber?: unknown; etag?: unknown; checksum?: unknown }[]) {
    const partNumber = checkPartNumber(part?.partNumber, session);
    if (typeof part.etag !== 'string' || part.etag.length === 0) throw new InvalidInputError('INVALID_ETAG', `part ${partNumber} has no etag, got ${describe(part.etag)}`);
    byNumber.set(partNumber, { partNumber, etag: part.etag, checksum: checkChecksum(part.checksum) });
  }
  const missing = [];
  for (let n = 1; n <= session.partCount; n++) if (!byNumber.has(n)) missing.push(n);
  if (missing.length > 0) {
    throw new InvalidInputError('MISSING_PARTS', `every part from 1 to ${session.partCount} is needed; missing ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`);
  }
  return [...byNumber.values()].sort((a, b) => a.partNumber - b.partNumber);
}
