import type { AlbSignInConfig } from '@ha-uploads/config';
import { AlbJwksCache } from 'aws-jwt-verify/alb-cache';
import { AlbJwtVerifier } from 'aws-jwt-verify';
import { FetchError, JwtExpiredError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import { AppError } from '../http/errors';
import type { Identity } from './identity';
import { KeyFetcher } from './key-fetcher';

/** Turns a verified `x-amzn-oidc-data` header into an Identity; rejects with a 401 (or 503) AppError. */
export type AlbIdentityVerifier = (header: string) => Promise<Identity>;

/** The ALB pads each base64url part to a multiple of 4 with `=`; a token in any other shape did not come from it. */
const ALB_TOKEN = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?(?:\.(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?){2}$/;

const invalid = () =>
  new AppError(401, 'IDENTITY_INVALID', 'The sign-in data of this request could not be verified; sign in again.');

/**
 * Verifies `x-amzn-oidc-data` with aws-jwt-verify's AlbJwtVerifier: ES256 only, `signer` must be our ALB, `iss` the
 * configured issuer, not expired; the key is fetched from the configured endpoint by the token's `kid`.
 */
export function createAlbIdentityVerifier(config: AlbSignInConfig, options: { readonly jwksCache?: AlbJwksCache } = {}): AlbIdentityVerifier {
  const verifier = AlbJwtVerifier.create(
    { albArn: config.albArn, issuer: config.issuer, jwksUri: config.keyEndpoint, clientId: config.clientId ?? null },
    { jwksCache: options.jwksCache ?? new AlbJwksCache({ fetcher: new KeyFetcher() }) },
  );
  return async function verifyAlbIdentity(header) {
    if (header.length > 16_384 || !ALB_TOKEN.test(header)) throw invalid();
    let payload: Record<string, unknown>;
    try {
      payload = (await verifier.verify(header)) as Record<string, unknown>;
    } catch (err) {
      throw toAuthError(err);
    }
    const sub = payload['sub'];
    if (typeof sub !== 'string' || sub === '') throw invalid();
    return {
      ownerId: sub,
      isAdmin: claimIncludes(payload[config.adminClaim], config.adminGroup),
      userName: firstString(payload['username'], payload['cognito:username'], payload['email'], payload['name']) ?? sub,
      source: 'alb',
    };
  };
}

function toAuthError(err: unknown): AppError {
  if (err instanceof JwtExpiredError) return new AppError(401, 'IDENTITY_EXPIRED', 'Your sign-in has expired; reload the page to sign in again.');
  // An unreachable key endpoint is our problem, not the client's; an unknown kid (a 4xx) is a bad token.
  if (err instanceof FetchError && !(err instanceof NonRetryableFetchError)) {
    return new AppError(503, 'IDENTITY_KEYS_UNAVAILABLE', 'Sign-in cannot be checked right now; try again shortly.', true, { 'Retry-After': '5' });
  }
  return invalid();
}

// Cognito sends groups as an array; other IdPs as a space- or comma-separated string.
function claimIncludes(claim: unknown, group: string): boolean {
  if (Array.isArray(claim)) return claim.includes(group);
  if (typeof claim === 'string') return claim.split(/[\s,]+/).includes(group);
  return false;
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v !== '');
}
