import { FileError } from '../errors';

/** A client went past an abuse limit; it may try again after `retryAfterSeconds`. */
export class LimitExceededError extends FileError {
  readonly kind = 'limited';

  constructor(
    code: 'RATE_LIMITED' | 'QUOTA_EXCEEDED',
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}
