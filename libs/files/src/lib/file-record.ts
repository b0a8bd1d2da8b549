/** What the API returns for a stored file (the HTTP contract; keep stable). */
export interface FileRecord {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly sha256: string;
  /** ISO 8601 */
  readonly uploadedAt: string;
  /** Instance id that received the upload. */
  readonly uploadedBy: string;
}

/**
 * Lifecycle of a catalog entry. Only READY entries are listed.
 * PENDING: body being streamed; DELETING: hidden, object being removed.
 */
export type FileState = 'PENDING' | 'READY' | 'DELETING';

/** A catalog entry: the public record plus what the service needs to manage it. */
export interface CatalogEntry extends FileRecord {
  readonly state: FileState;
  /** Server-generated S3 key; never derived from the client's file name. */
  readonly objectKey: string;
  /** ISO 8601 time of the last state change; the sweeper's clock. */
  readonly updatedAt: string;
}
