import { FetchError, JwtExpiredError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import { AppError } from '../http/errors';

/** A sign-in token that failed verification: 401 IDENTITY_INVALID. */
export const identityInvalid = () =>
  new AppError(401, 'IDENTITY_INVALID', 'The sign-in data of this request could not be verified; sign in again.');

/** The key endpoint or JWKS cannot be reached: our problem, not the client's. */
export const identityKeysUnavailable = () =>
  new AppError(503, 'IDENTITY_KEYS_UNAVAILABLE', 'Sign-in cannot be checked right now; try again shortly.', true, {
    'Retry-After': '5',
  });

/** Maps an aws-jwt-verify failure to its answer: expired, keys unreachable, or invalid. */
export function toIdentityError(err: unknown): AppError {
  if (err instanceof JwtExpiredError)
    return new AppError(401, 'IDENTITY_EXPIRED', 'Your sign-in has expired; reload the page to sign in again.');
  // An unreachable key endpoint is our problem, not the client's; an unknown kid (a 4xx) is a bad token.
  if (err instanceof FetchError && !(err instanceof NonRetryableFetchError)) return identityKeysUnavailable();
  return identityInvalid();
}
