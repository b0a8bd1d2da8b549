/** What went wrong, in the domain's words; the HTTP edge maps each kind to a status once. */
export type FileErrorKind =
  'invalid-input' | 'not-found' | 'forbidden' | 'conflict' | 'too-large' | 'unavailable' | 'limited' | 'gone';

/**
 * An error a client can meet. `code` is a stable, documented identifier and `message` is safe to show
 * and says what to do.
 */
export abstract class FileError extends Error {
  abstract readonly kind: FileErrorKind;

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request names or carries something the rules reject (a bad id, cursor, limit or file name). */
export class InvalidInputError extends FileError {
  readonly kind = 'invalid-input';
}

/** No file (or object) with that id. */
export class NotFoundError extends FileError {
  readonly kind = 'not-found';

  constructor(message = 'No file with that id.', code = 'FILE_NOT_FOUND') {
    super(code, message);
  }
}

/** The file exists, but the one asking is neither its owner nor an admin; nothing changed. */
export class NotOwnerError extends FileError {
  readonly kind = 'forbidden';

  constructor(message = 'Only the owner of this file, or an admin, can change it.', code = 'NOT_OWNER') {
    super(code, message);
  }
}

/** The entry is not in the state the write expects (it exists, or is no longer pending). */
export class ConflictError extends FileError {
  readonly kind = 'conflict';

  constructor(message: string, code = 'CONFLICT') {
    super(code, message);
  }
}

/** A file body is larger than the upload limit. */
export class FileTooLargeError extends FileError {
  readonly kind = 'too-large';

  /** `fileName`: the file as the client named it, when known (shown back to that client only). */
  constructor(
    readonly limitBytes: number,
    readonly fileName?: string,
  ) {
    super(
      'FILE_TOO_LARGE',
      `${fileName === undefined ? 'A file' : JSON.stringify(fileName)} is larger than the limit of ${limitBytes} bytes.`,
    );
  }
}

/** A backend (S3 or DynamoDB) did not answer; the client may retry. */
export class BackendUnavailableError extends FileError {
  readonly kind = 'unavailable';

  constructor(
    readonly backend: 'S3' | 'DynamoDB',
    code = backend === 'S3' ? 'STORAGE_UNAVAILABLE' : 'CATALOG_UNAVAILABLE',
  ) {
    super(code, `${backend} is unavailable; try again shortly.`);
  }
}

/** The thing asked for existed but is over for good (an expired upload session); start again. */
export class GoneError extends FileError {
  readonly kind = 'gone';
}
