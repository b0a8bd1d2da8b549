import type { CognitoAccessTokenConfig } from '@ha-uploads/config';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { FetchError } from 'aws-jwt-verify/error';
import { SimpleJwksCache, type JwksCache } from 'aws-jwt-verify/jwk';
import { AppError } from '../http/errors';
import { identityInvalid, identityKeysUnavailable, toIdentityError } from './identity-errors';
import { JwksUriFetcher } from './jwks-uri-fetcher';

/** The groups of the user `sub`, read from a verified Cognito access token (`x-amzn-oidc-accesstoken`). */
export type CognitoGroupsReader = (accessToken: string, sub: string) => Promise<readonly string[]>;

/** A signed token of another user than the one in `x-amzn-oidc-data`: the two headers were spliced. */
const mismatch = () =>
  new AppError(
    401,
    'IDENTITY_MISMATCH',
    'The sign-in data of this request belongs to two different users; sign in again.',
  );

/**
 * Verifies the access token with aws-jwt-verify's CognitoJwtVerifier (RS256 from the pool's JWKS, the pool's issuer,
 * `token_use` access, `client_id` the ALB's app client, not expired) and requires its `sub` to be the signed-in user's.
 */
export function createCognitoGroupsReader(
  config: CognitoAccessTokenConfig,
  options: { readonly jwksCache?: JwksCache } = {},
): CognitoGroupsReader {
  const verifier = CognitoJwtVerifier.create(
    { userPoolId: config.userPoolId, tokenUse: 'access', clientId: config.clientId },
    { jwksCache: options.jwksCache ?? new SimpleJwksCache({ fetcher: new JwksUriFetcher(config.jwksUri) }) },
  );
  return async function readCognitoGroups(accessToken, sub) {
    if (accessToken.length > 16_384) throw identityInvalid();
    let payload: Record<string, unknown>;
    try {
      payload = (await verifier.verify(accessToken)) as Record<string, unknown>;
    } catch (err) {
      // Any failure to fetch the pool's JWKS (even a 4xx: a wrong AUTH_JWKS_URI) is ours, not the client's.
      throw err instanceof FetchError ? identityKeysUnavailable() : toIdentityError(err);
    }
    if (payload['sub'] !== sub) throw mismatch();
    const groups = payload['cognito:groups'];
    return Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [];
  };
}
