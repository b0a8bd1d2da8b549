import type { FileChecksum } from './upload-session';

/** A part as the object store holds it. */
export interface StoredPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
  readonly checksum?: string;
}

/** A presigned request the client sends itself: the URL and the headers it must carry (they are signed). */
export interface SignedRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * S3 multipart uploads the client feeds directly. On AWS every method is real; a local stand-in without ListParts
 * or AbortMultipartUpload says so through `listsParts` and `aborts`, and callers fall back explicitly.
 */
export interface MultipartStore {
  /** Whether listParts reports what the store holds (S3: yes; s3rver: no, it has no ListParts). */
  readonly listsParts: boolean;
  /** Whether abort removes the parts (S3: yes; s3rver: no, its parts stay on its disk). */
  readonly aborts: boolean;
  /**
   * Starts a multipart upload with per-part SHA-256 checksums (COMPOSITE); resolves to its upload id. `metadata`
   * lands on the completed object.
   */
  create(
    key: string,
    options: { readonly contentType: string; readonly metadata?: Readonly<Record<string, string>> },
  ): Promise<string>;
  /** Short-lived URLs for a batch of parts, in order, each bound to its number, length and checksum. */
  signParts(key: string, uploadId: string, parts: readonly { readonly partNumber: number; readonly size: number; readonly checksum: string }[]): Promise<SignedRequest[]>;
  /** The parts stored so far; only meaningful when `listsParts`. */
  listParts(key: string, uploadId: string): Promise<StoredPart[]>;
  /**
   * Joins the parts into the object, never overwriting one (If-None-Match: *). Rejects with InvalidInputError
   * (PARTS_MISMATCH) when the parts are not what the store holds.
   */
  complete(key: string, uploadId: string, parts: readonly { readonly partNumber: number; readonly etag: string; readonly checksum: string }[]): Promise<void>;
  /** The object's size and the checksum the store reports for it (none when the store keeps none). */
  head(key: string): Promise<{ readonly size: number; readonly checksum?: FileChecksum }>;
  /** Aborts the multipart upload; an unknown one is not an error. */
  abort(key: string, uploadId: string): Promise<void>;
  /** A short-lived GET URL whose answer carries these Content-Disposition and Content-Type headers. */
  signDownload(key: string, options: { readonly contentDisposition: string; readonly contentType: string }): Promise<string>;
}
