/**
 * The checksum S3 keeps for an object: algorithm, base64 value, and whether it covers the whole object or its parts.
 */
export interface FileChecksum {
  readonly algorithm: 'SHA256';
  /** Base64; a COMPOSITE value ends in `-<part count>`. */
  readonly value: string;
  readonly type: 'COMPOSITE' | 'FULL_OBJECT';
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
  /**
   * ISO 8601, while a complete or abort call (or a status call finishing a joined session) holds the session: no
   * other may start before it, so two calls never join the parts at once and the sweeper leaves it alone. A call that
   * died lets go when the time is up.
   */
  readonly completingUntil?: string;
}
