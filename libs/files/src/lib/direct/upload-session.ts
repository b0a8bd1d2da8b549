/** The checksum S3 keeps for an object: algorithm, base64 value, and whether it covers the whole object or its parts. */
export interface FileChecksum {
  readonly algorithm: 'SHA256';
  /** Base64; a COMPOSITE value ends in `-<part count>`. */
  readonly value: string;
  readonly type: 'COMPOSITE' | 'FULL_OBJECT';
}

/** A part the client reported stored: S3's ETag and the part's base64 SHA-256. */
export interface ConfirmedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly checksum: string;
}

/** A stored part as the status reports it: a confirmed (or listed) part and its length. */
export interface SessionPart extends ConfirmedPart {
  readonly size: number;
}

/**
 * What a confirmation's one conditional write checks, so that it needs no read first: the session is its owner's,
 * has not expired, and has every part number confirmed.
 */
export interface SessionExpectation {
  readonly ownerId: string;
  /** ISO 8601: a session created at or before it has expired. */
  readonly createdAfter: string;
  /** The highest part number confirmed: the session must have at least that many parts. */
  readonly partCount: number;
}

/** What a PENDING entry of a direct upload records: enough for any instance to serve any call of the session. */
export interface UploadSession {
  /** S3's multipart upload id. */
  readonly uploadId: string;
  /** The size the client declared; completing with another size fails. */
  readonly size: number;
  readonly partSize: number;
  readonly partCount: number;
  /** ISO 8601; the session expires a fixed time after it. */
  readonly createdAt: string;
  /** Parts the client confirmed, by part number (the local path's status; on AWS ListParts decides). */
  readonly parts: Readonly<Record<string, ConfirmedPart>>;
  /**
   * ISO 8601, while a complete or abort call (or a status call finishing a joined session) holds the session: no
   * other may start before it, so two calls never join the parts at once and the sweeper leaves it alone. A call that
   * died lets go when the time is up.
   */
  readonly completingUntil?: string;
}
