import { BackendUnavailableError, FileError } from '@ha-uploads/files';

/** Socket-level failures: the backend is down, restarting or unreachable. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Error names the SDK uses when the service is overloaded or a request timed out. */
const UNAVAILABLE_ERROR_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'InternalError',
  'InternalServerError',
  'SlowDown',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

/**
 * The SDK wraps socket errors it does not recognise as Error (another realm, e.g. under Jest) into
 * "AWS SDK error wrapper for Error: connect ECONNREFUSED ...", keeping only the message.
 */
const CONNECTION_ERROR_IN_MESSAGE = new RegExp(`\\b(${[...CONNECTION_ERROR_CODES].join('|')})\\b`);

interface ErrorLike {
  readonly message?: string;
  readonly name?: string;
  readonly code?: string;
  readonly errors?: unknown[];
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Whether an SDK error means the backend did not answer (as opposed to a request it rejected). */
export function isUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as ErrorLike;
  if (e.code && CONNECTION_ERROR_CODES.has(e.code)) return true;
  if (e.name && UNAVAILABLE_ERROR_NAMES.has(e.name)) return true;
  // Node reports a refused dual-stack connect as an AggregateError of per-address errors.
  if (Array.isArray(e.errors) && e.errors.some(isUnavailable)) return true;
  if (typeof e.message === 'string' && CONNECTION_ERROR_IN_MESSAGE.test(e.message)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/** Maps "backend did not answer" to BackendUnavailableError (503); returns any other error unchanged. */
export function toBackendError(err: unknown, backend: 'S3' | 'DynamoDB'): unknown {
  // Our own typed errors (a conflict, a 413) already say what happened.
  if (err instanceof FileError) return err;
  return isUnavailable(err) ? Object.assign(new BackendUnavailableError(backend), { cause: err }) : err;
}

/** Runs one backend call, translating unavailability into BackendUnavailableError. */
export async function callBackend<T>(backend: 'S3' | 'DynamoDB', call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toBackendError(err, backend);
  }
}
