import type { FileChecksum } from './upload-session';

/** A part as the object store holds it: S3's ETag, the part's length and its base64 SHA-256. */
export interface StoredPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
  readonly checksum: string;
}

/** A presigned request the client sends itself: the URL and the headers it must carry (they are signed). */
export interface SignedRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A part to sign: its number, its exact length and its base64 SHA-256. */
export interface PartToSign {
  readonly partNumber: number;
  readonly size: number;
  readonly checksum: string;
}

/** A part named in a complete call: its number, the ETag S3 returned and its base64 SHA-256. */
export interface PartToJoin {
  readonly partNumber: number;
  readonly etag: string;
  readonly checksum: string;
}

/**
 * S3 multipart uploads the client feeds directly, as S3 runs them: S3 checks every part against its signed length
 * and checksum, ListParts is the record of what is stored, and abort frees the parts.
 */
export interface MultipartStore {
  /**
   * Starts a multipart upload with per-part SHA-256 checksums (COMPOSITE); resolves to its upload id. `metadata`
   * lands on the completed object.
   */
  create(
    key: string,
    options: { readonly contentType: string; readonly metadata?: Readonly<Record<string, string>> },
  ): Promise<string>;
  /** Short-lived URLs for a batch of parts, in order, each bound to its number, length and checksum. */
  signParts(key: string, uploadId: string, parts: readonly PartToSign[]): Promise<SignedRequest[]>;
  /**
   * Every part stored so far, in part-number order (all pages of ListParts). Rejects with NotFoundError
   * (NO_SUCH_UPLOAD) once the upload was completed or aborted.
   */
  listParts(key: string, uploadId: string): Promise<StoredPart[]>;
  /**
   * Joins the parts into the object. Rejects with InvalidInputError (PARTS_MISMATCH) when the parts are not what the
   * store holds or the upload is gone, and with ConflictError (OBJECT_EXISTS) rather than overwrite the key.
   */
  complete(key: string, uploadId: string, parts: readonly PartToJoin[]): Promise<void>;
  /** The object's size and the checksum the store reports for it. Rejects with NotFoundError when there is none. */
  head(key: string): Promise<{ readonly size: number; readonly checksum?: FileChecksum }>;
  /** Aborts the multipart upload and frees its parts; an unknown one is not an error. */
  abort(key: string, uploadId: string): Promise<void>;
  /** A short-lived GET URL whose answer carries these Content-Disposition and Content-Type headers. */
  signDownload(
    key: string,
    options: { readonly contentDisposition: string; readonly contentType: string },
  ): Promise<string>;
}
