import { FileError, LimitExceededError, ScanPendingError, type FileErrorKind } from '@ha-uploads/files';
import { MulterError } from 'multer';
import { AppError } from './errors';

/** The JSON error body and status a thrown value becomes. Never includes a stack trace. */
export interface ErrorResponse {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers: Readonly<Record<string, string>>;
}

const MULTER_CODES: Readonly<Record<string, readonly [number, string, string]>> = {
  LIMIT_FILE_COUNT: [400, 'TOO_MANY_FILES', 'Too many files in one request; send fewer files at once.'],
  LIMIT_FIELD_COUNT: [400, 'TOO_MANY_FIELDS', 'Too many form fields.'],
  LIMIT_PART_COUNT: [400, 'TOO_MANY_PARTS', 'Too many parts in the multipart body.'],
  LIMIT_FIELD_KEY: [400, 'FIELD_NAME_TOO_LONG', 'A form field name is too long.'],
  LIMIT_FIELD_VALUE: [400, 'FIELD_VALUE_TOO_LONG', 'A form field value is too long.'],
  LIMIT_UNEXPECTED_FILE: [400, 'UNEXPECTED_FIELD', 'Files must be sent in the field named "file".'],
};

/** The one place the domain's error kinds become HTTP statuses (and headers). */
const DOMAIN_STATUSES: Readonly<
  Record<FileErrorKind, { readonly status: number; readonly headers: Readonly<Record<string, string>> }>
> = {
  'invalid-input': { status: 400, headers: {} },
  'not-found': { status: 404, headers: {} },
  forbidden: { status: 403, headers: {} },
  conflict: { status: 409, headers: {} },
  'too-large': { status: 413, headers: {} },
  unavailable: { status: 503, headers: { 'Retry-After': '5' } },
  limited: { status: 429, headers: {} },
  gone: { status: 410, headers: {} },
};

/**
 * Maps any thrown value to a client-safe error response: domain errors by kind, AppError as is, multer and HTTP errors
 * by code.
 */
export function toErrorResponse(err: unknown, maxUploadBytes?: number): ErrorResponse {
  if (err instanceof FileError) {
    const { status, headers } = DOMAIN_STATUSES[err.kind];
    const waits = err instanceof LimitExceededError || err instanceof ScanPendingError;
    const retry: Record<string, string> = waits ? { 'Retry-After': String(err.retryAfterSeconds) } : {};
    return { status, code: err.code, message: err.message, headers: { ...headers, ...retry } };
  }
  if (err instanceof AppError) {
    return {
      status: err.status,
      code: err.code,
      message: err.expose ? err.message : 'Internal error.',
      headers: err.headers,
    };
  }
  if (err instanceof MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') {
      const limit = maxUploadBytes === undefined ? '' : ` of ${maxUploadBytes} bytes`;
      return { status: 413, code: 'FILE_TOO_LARGE', message: `A file is larger than the limit${limit}.`, headers: {} };
    }
    const [status, code, message] = MULTER_CODES[err.code] ?? [
      400,
      'MALFORMED_MULTIPART',
      'The multipart body is malformed.',
    ];
    return { status, code, message, headers: {} };
  }
  const status = httpStatusOf(err);
  if (status === 405)
    return {
      status,
      code: 'METHOD_NOT_ALLOWED',
      message: 'This method is not allowed here; see the Allow header.',
      headers: {},
    };
  if (status === 501)
    return { status, code: 'NOT_IMPLEMENTED', message: 'This method is not implemented.', headers: {} };
  if (status !== undefined && status >= 400 && status < 500) {
    return { status, code: `HTTP_${status}`, message: 'The request could not be processed.', headers: {} };
  }
  return { status: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; try again.', headers: {} };
}

// http-errors (thrown by Koa and the router) carry `status` and `expose`.
function httpStatusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}
