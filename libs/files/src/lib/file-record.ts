import type { FileChecksum, UploadSession } from './direct/upload-session';
import type { ScanState } from './scan/scan-state';

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
  /** The checksum S3 keeps for the object (direct uploads); undefined for files streamed through the app. */
  readonly checksum?: FileChecksum;
  /** The malware scan; undefined: stored before scanning existed, which counts as clean. */
  readonly scan?: ScanState;
  /** Why a scan held the file back: the threat names, or the scanner's status; shown to its owner and admins. */
  readonly scanDetail?: string;
}

/**
 * Lifecycle of a catalog entry. Only READY entries are listed.
 * PENDING: body being streamed; TRASHED: deleted by a person, hidden, restorable until the retention ends;
 * DELETING: hidden, object being removed.
 */
export type FileState = 'PENDING' | 'READY' | 'TRASHED' | 'DELETING';

/** A listed file: the public record plus its owner, which the edge turns into "yours" and never shows. */
export interface ListedFile extends FileRecord {
  /** Digest of the owner's secret, or the signed-in user's sub. Undefined: stored before files had owners. */
  readonly ownerId?: string;
}

/** A file in "Recently deleted". */
export interface TrashedFile extends ListedFile {
  /** ISO 8601 time of the delete. */
  readonly deletedAt: string;
  /** ISO 8601 time after which the sweeper removes it for good. */
  readonly restorableUntil: string;
}

/** A catalog entry: the public record plus what the service needs to manage it. */
export interface CatalogEntry extends ListedFile {
  readonly state: FileState;
  /** ISO 8601 time it was moved to the trash; kept while TRASHED and DELETING. */
  readonly deletedAt?: string;
  /** Server-generated S3 key; never derived from the client's file name. */
  readonly objectKey: string;
  /** ISO 8601 time of the last state change; the sweeper's clock. */
  readonly updatedAt: string;
  /** A direct upload's session while PENDING; removed once READY. */
  readonly session?: UploadSession;
}
