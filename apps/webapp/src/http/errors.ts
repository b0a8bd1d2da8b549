/**
 * Errors a client can meet. `code` is a stable, documented identifier; `expose` says whether the
 * message is safe to show. The error-handler middleware turns them into {"error":{"code","message"}}.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly expose = status < 500,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string) {
    super(400, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'No file with that id.', code = 'FILE_NOT_FOUND') {
    super(404, code, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'CONFLICT') {
    super(409, code, message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, 'FILE_TOO_LARGE', `A file is larger than the limit of ${limitBytes} bytes.`);
  }
}

/** A backend (S3 or DynamoDB) did not answer; the client may retry. */
export class BackendUnavailableError extends AppError {
  constructor(backend: 'S3' | 'DynamoDB', code = backend === 'S3' ? 'STORAGE_UNAVAILABLE' : 'CATALOG_UNAVAILABLE') {
    super(503, code, `${backend} is unavailable; try again shortly.`, true, { 'Retry-After': '5' });
  }
}
