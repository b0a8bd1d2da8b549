import type { Actor } from '../actor';
import { ConflictError, GoneError, InvalidInputError, NotFoundError, NotOwnerError } from '../errors';
import { isFileId, newFileId, objectKeyFor } from '../file-id';
import { normalizeContentType, normalizeFileName } from '../file-name';
import type { CatalogEntry, FileRecord } from '../file-record';
import { toFileRecord } from '../file-service';
import type { ScanState } from '../scan/scan-state';

import type { BlobStore, FileCatalog } from '../ports';
import { encodeRecordMetadata } from '../recovery/record-metadata';
import type { MultipartStore, PartToJoin, PartToSign, SignedRequest, StoredPart } from './multipart-store';
import { partLength, planParts } from './part-plan';
import { isPartChecksum } from './part-checksum';
import type { FileChecksum, UploadSession } from './upload-session';

// The scan field a new entry starts with: none (clean) unless scanning is on.
const scanOf = (initial?: () => ScanState | undefined) => {
  const scan = initial?.();
  return scan === undefined ? {} : { scan };
};

/** How long a session may take before it expires and the sweeper aborts it. */
export const DEFAULT_SESSION_LIFETIME_SECONDS = 86_400;
/**
 * How long one complete or abort call (or a status call finishing a joined session) holds a session. S3 joins even
 * 10,000 parts within minutes; a call that died without letting go blocks the others no longer than this.
 */
export const COMPLETION_CLAIM_SECONDS = 300;
/** Most parts one call signs. */
export const MAX_PARTS_PER_CALL = 100;

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
  /** The scan a new file starts with (FileService.scanRules.initialScan). @default - none: clean, scanning off */
  readonly initialScan?: () => ScanState | undefined;
}

/** A new session as the client sees it. */
/** What a client asks for when it starts a direct upload (typed at the HTTP edge; the rules are checked here). */
export interface NewSession {
  readonly name: string;
  /** Declared bytes: a whole number from 1 to maxBytes. */
  readonly size: number;
  /** @default - from the file name's extension */
  readonly contentType?: string;
  readonly ownerId: string;
}

/** A part a sign call asks a URL for: its number and its base64 SHA-256. */
export type PartChoice = Omit<PartToSign, 'size'>;

export interface CreatedSession {
  readonly id: string;
  readonly partSize: number;
  readonly partCount: number;
  readonly expiresAt: string;
}

/** A session and the parts S3 holds for it (ListParts), from which a reloaded page resumes. */
export interface SessionStatus extends CreatedSession {
  readonly size: number;
  readonly name: string;
  readonly parts: readonly StoredPart[];
}

/**
 * Direct uploads to S3: the client sends the parts itself with presigned URLs. Every call reads, or writes with a
 * condition, the session in its PENDING catalog entry, so any instance serves any call; only its owner may use or
 * abort it.
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
  async create(meta: NewSession, uploadedBy: string): Promise<CreatedSession> {
    const plan = planParts(meta.size, this.props.maxBytes);
    const name = normalizeFileName(meta.name);
    const contentType = normalizeContentType(meta.contentType);
    const id = this.newId();
    const objectKey = objectKeyFor(id);
    const now = this.clock().toISOString();
    // The completed object carries its record, so a lost or restored catalog can be rebuilt from the bucket.
    const record = { id, name, contentType, ownerId: meta.ownerId, uploadedAt: now, uploadedBy };
    const metadata = encodeRecordMetadata({ ...record, source: 'direct' });
    const uploadId = await this.props.multipart.create(objectKey, { contentType, metadata });
    const session: UploadSession = { uploadId, size: meta.size, ...plan, createdAt: now };
    try {
      await this.props.catalog.putPending({
        id,
        name,
        contentType,
        objectKey,
        uploadedBy,
        uploadedAt: now,
        ownerId: meta.ownerId,
        session,
        ...scanOf(this.props.initialScan),
      });
    } catch (err) {
      await this.props.multipart.abort(objectKey, uploadId).catch(() => undefined);
      throw err;
    }
    return { id, ...plan, expiresAt: this.expiresAt(session) };
  }

  /** Presigned PUT URLs for a batch of parts, each bound to its number, length and SHA-256. */
  async sign(
    id: string,
    actor: Actor,
    parts: readonly PartChoice[],
  ): Promise<{ parts: (SignedRequest & { partNumber: number })[] }> {
    const entry = await this.openSession(id, actor);
    const session = entry.session as UploadSession;
    const wanted = partList(parts).map((part) => {
      const partNumber = checkPartNumber(part.partNumber, session);
      return { partNumber, size: partLength(session, partNumber), checksum: checkChecksum(part.checksum) };
    });
    const signed = await this.props.multipart.signParts(entry.objectKey, session.uploadId, wanted);
    return { parts: wanted.map((part, i) => ({ partNumber: part.partNumber, ...signed[i] })) };
  }

  /** The session and the parts S3 holds for it (ListParts): a reloaded page sends only the others. */
  async status(id: string, actor: Actor): Promise<SessionStatus> {
    const entry = await this.openSession(id, actor);
    const session = entry.session as UploadSession;
    const parts = await this.props.multipart
      .listParts(entry.objectKey, session.uploadId)
      .catch(async (err: unknown) => {
        // S3 no longer lists an upload it joined: an earlier complete joined the parts and failed afterwards (say, its
        // READY write). The object is there, so the status finishes that complete; the client then finds the file.
        if (await this.finishJoined(id, actor, entry)) throw sessionNotFound();
        throw err;
      });
    return {
      id,
      name: entry.name,
      size: session.size,
      partSize: session.partSize,
      partCount: session.partCount,
      expiresAt: this.expiresAt(session),
      parts,
    };
  }

  /**
   * Joins the parts (every part, each as stored), checks the object's size against the declared one and marks the
   * file READY with the checksum S3 reports. A wrong size deletes the object and the entry: nothing is listed. One
   * call at a time holds the session (others get UPLOAD_COMPLETING); a call repeated after success gets the file.
   */
  async complete(id: string, actor: Actor, parts: readonly PartToJoin[]): Promise<FileRecord> {
    try {
      return await this.completeOpen(id, actor, parts);
    } catch (err) {
      // A complete sent again (its answer was lost, or the page reloaded while it ran) finds the file it made.
      const finished = err instanceof NotFoundError ? await this.finishedFile(id, actor) : undefined;
      if (finished) return finished;
      throw err;
    }
  }

  private completeOpen(id: string, actor: Actor, parts: readonly PartToJoin[]): Promise<FileRecord> {
    // The claim's own condition checks the owner and the expiry, and answers the session: nothing is read first.
    return this.withClaim(id, actor, { live: true }, async (entry) => {
      const session = entry.session as UploadSession;
      const requested = checkCompleteList(parts, session);
      // S3 checks each part's ETag and checksum itself when joining them (PARTS_MISMATCH).
      const object = await this.join(entry.objectKey, session.uploadId, requested);
      return this.finish(entry, object);
    });
  }

  /**
   * The joined object becomes the READY file: a size other than the declared one deletes the object and the entry
   * (SIZE_MISMATCH). The file keeps the checksum S3 reports for the object.
   */
  private async finish(entry: CatalogEntry, object: { size: number; checksum?: FileChecksum }): Promise<FileRecord> {
    const session = entry.session as UploadSession;
    if (object.size !== session.size) {
      await this.discard(entry);
      throw new InvalidInputError(
        'SIZE_MISMATCH',
        `the parts add up to ${object.size} bytes, not the declared ${session.size}; nothing was stored`,
      );
    }
    const ready = { size: object.size, sha256: '', contentType: entry.contentType, checksum: object.checksum };
    return toFileRecord(await this.props.catalog.markReady(entry.id, ready));
  }

  /**
   * Finishes a session whose parts S3 already joined (ListParts fails, the object is there): under the session's
   * claim, as a complete would. False when there is no object; UPLOAD_COMPLETING while a complete call holds it.
   */
  private async finishJoined(id: string, actor: Actor, seen: CatalogEntry): Promise<boolean> {
    const object = await this.props.multipart.head(seen.objectKey).catch(() => undefined);
    if (!object?.checksum) return false;
    await this.withClaim(id, actor, { live: true }, (entry) => this.finish(entry, object));
    return true;
  }

  /**
   * Joins the parts and reads the object back. When the join fails but the object is there, an earlier call joined
   * it and failed afterwards (say, its READY write): its key is this session's alone, so this call carries on.
   */
  private async join(
    key: string,
    uploadId: string,
    parts: readonly PartToJoin[],
  ): Promise<{ size: number; checksum?: FileChecksum }> {
    const { multipart } = this.props;
    try {
      await multipart.complete(key, uploadId, parts);
    } catch (err) {
      const joined = await multipart.head(key).catch(() => undefined);
      if (joined) return joined;
      throw err;
    }
    return multipart.head(key);
  }

  /** The owner gives up: the multipart upload is aborted and the entry removed. Not while a complete call runs. */
  async abort(id: string, actor: Actor): Promise<void> {
    // The abort takes the same claim as a complete call, so neither can start while the other runs. An owner may
    // abort an expired session.
    await this.withClaim(id, actor, { live: false }, (entry) => this.discard(entry));
  }

  /**
   * Runs `work` on the session while holding it: one complete (or abort) call at a time, the others get
   * UPLOAD_COMPLETING until it ends or its claim runs out. The claim is one conditional write that also checks the
   * owner (and, for `live`, the expiry); the entry is read only to explain a refusal. When `work` fails without
   * ending the session, the claim is let go at once, so a retry need not wait it out.
   */
  private async withClaim<T>(
    id: string,
    actor: Actor,
    options: { readonly live: boolean },
    work: (entry: CatalogEntry) => Promise<T>,
  ): Promise<T> {
    if (!isFileId(id)) throw invalidSessionId();
    const now = this.clock();
    const until = new Date(now.getTime() + COMPLETION_CLAIM_SECONDS * 1000).toISOString();
    const expected =
      actor.ownerId === undefined
        ? undefined
        : { ownerId: actor.ownerId, createdAfter: options.live ? this.expiredUpTo(now) : undefined };
    const entry =
      expected && (await this.props.catalog.claimSessionCompletion(id, { now: now.toISOString(), until }, expected));
    if (!entry) {
      // Refused: unknown or ended (404), another owner's (403), expired (410); else another call holds it.
      if (options.live) await this.openSession(id, actor);
      else await this.ownedSessionEntry(id, actor);
      throw completing();
    }
    try {
      return await work(entry);
    } catch (err) {
      await this.props.catalog.releaseSessionCompletion(id, until).catch(() => undefined);
      throw err;
    }
  }

  /** The READY file a session of this owner became, if it did. */
  private async finishedFile(id: string, actor: Actor): Promise<FileRecord | undefined> {
    if (!isFileId(id)) return undefined;
    const entry = await this.props.catalog.get(id);
    if (entry?.state !== 'READY' || !entry.checksum || actor.ownerId === undefined || entry.ownerId !== actor.ownerId)
      return undefined;
    return toFileRecord(entry);
  }

  private async discard(entry: CatalogEntry): Promise<void> {
    const claimed = await this.props.catalog.markDeleting(entry.id, { state: entry.state, updatedAt: entry.updatedAt });
    if (!claimed) throw sessionNotFound();
    await this.props.multipart.abort(entry.objectKey, (entry.session as UploadSession).uploadId);
    // A completed object that failed its size check.
    await this.props.blobs.delete(entry.objectKey);
    await this.props.catalog.remove(entry.id);
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
    if (!isFileId(id)) throw invalidSessionId();
    const entry = await this.props.catalog.get(id);
    if (!entry || entry.state !== 'PENDING' || !entry.session) throw sessionNotFound();
    if (actor.ownerId === undefined || entry.ownerId !== actor.ownerId) {
      throw new NotOwnerError('Only the client that started this upload session can use it.');
    }
    return entry;
  }

  /** Sessions created at or before this (ISO 8601) have expired by `now`. */
  private expiredUpTo(now: Date): string {
    return new Date(now.getTime() - this.lifetimeMs).toISOString();
  }

  private expiresAt(session: UploadSession): string {
    return new Date(Date.parse(session.createdAt) + this.lifetimeMs).toISOString();
  }
}

function completing(): ConflictError {
  return new ConflictError(
    'Another call is completing this upload session; ask for its status in a moment.',
    'UPLOAD_COMPLETING',
  );
}

function sessionNotFound(): NotFoundError {
  return new NotFoundError(
    'No upload session with that id: it was completed, aborted or never existed.',
    'UPLOAD_SESSION_NOT_FOUND',
  );
}

// Never walks into a list or object: a deeply nested value must not overflow the stack while the message is built.
function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return (JSON.stringify(value) ?? String(value)).slice(0, 80);
}

/** A sign call's list of parts: 1 to MAX_PARTS_PER_CALL. */
function partList(parts: readonly PartChoice[]): readonly PartChoice[] {
  if (parts.length === 0 || parts.length > MAX_PARTS_PER_CALL) {
    throw new InvalidInputError(
      'INVALID_PARTS',
      `parts must be a list of 1 to ${MAX_PARTS_PER_CALL} {partNumber, checksum}, got ${describe(parts)}`,
    );
  }
  return parts;
}

function checkPartNumber(value: number, session: UploadSession): number {
  if (!Number.isInteger(value) || value < 1 || value > session.partCount) {
    throw new InvalidInputError(
      'PART_OUT_OF_RANGE',
      `partNumber must be between 1 and ${session.partCount}, got ${describe(value)}`,
    );
  }
  return value;
}

function invalidSessionId(): InvalidInputError {
  return new InvalidInputError(
    'INVALID_SESSION_ID',
    'An upload session id is 26 characters of Crockford base32 (a ULID).',
  );
}

function checkChecksum(value: string): string {
  if (!isPartChecksum(value))
    throw new InvalidInputError(
      'INVALID_CHECKSUM',
      `checksum must be the part's base64 SHA-256 (44 characters), got ${describe(value)}`,
    );
  return value;
}

function checkCompleteList(parts: readonly PartToJoin[], session: UploadSession): PartToJoin[] {
  const byNumber = new Map<number, PartToJoin>();
  for (const part of parts) {
    const partNumber = checkPartNumber(part.partNumber, session);
    if (part.etag.length === 0)
      throw new InvalidInputError('INVALID_ETAG', `part ${partNumber} has no etag, got ${describe(part.etag)}`);
    byNumber.set(partNumber, { partNumber, etag: part.etag, checksum: checkChecksum(part.checksum) });
  }
  const missing = [];
  for (let n = 1; n <= session.partCount; n++) if (!byNumber.has(n)) missing.push(n);
  if (missing.length > 0) {
    throw new InvalidInputError(
      'MISSING_PARTS',
      `every part from 1 to ${session.partCount} is needed; missing ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`,
    );
  }
  return [...byNumber.values()].sort((a, b) => a.partNumber - b.partNumber);
}
