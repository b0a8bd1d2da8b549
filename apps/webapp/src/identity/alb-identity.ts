import type { AlbSignInConfig } from '@ha-uploads/config';
import { AlbJwksCache } from 'aws-jwt-verify/alb-cache';
import { AlbJwtVerifier } from 'aws-jwt-verify';
import type { JwksCache } from 'aws-jwt-verify/jwk';
import { createCognitoGroupsReader } from './cognito-groups';
import type { Identity } from './identity';
import { claimsOurAlb } from './alb-token-precheck';
import { identityInvalid, toIdentityError } from './identity-errors';
import { KeyFetcher } from './key-fetcher';

/** The headers the ALB's authenticate action adds to a request. */
export interface AlbHeaders {
  /** `x-amzn-oidc-data`: the user's claims (the IdP's user-info answer), signed by the ALB. */
  readonly data: string;
  /** `x-amzn-oidc-accesstoken`: the IdP's access token, as the IdP signed it. @default - none sent */
  readonly accessToken?: string;
}

/** Turns the ALB's verified headers into an Identity; rejects with a 401 (or 503) AppError. */
export type AlbIdentityVerifier = (headers: AlbHeaders) => Promise<Identity>;

/** The ALB pads each base64url part to a multiple of 4 with `=`; a token in any other shape did not come from it. */
const ALB_TOKEN =
  /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?(?:\.(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?){2}$/;

/** Where the verifiers keep the keys they fetched; tests pass caches whose fetchers reach servers on the loopback. */
export interface AlbIdentityOptions {
  /** @default - the ALB's keys fetched from `keyEndpoint` */
  readonly jwksCache?: AlbJwksCache;
  /** @default - the Cognito pool's JWKS fetched from its `jwksUri` */
  readonly cognitoJwksCache?: JwksCache;
}

/**
 * Verifies `x-amzn-oidc-data` with aws-jwt-verify's AlbJwtVerifier: ES256 only, `signer` must be our ALB, `iss` the
 * configured issuer, not expired; the key is fetched from the configured endpoint by the token's `kid`, and only
 * for a token that already claims our ALB, ES256 and our issuer.
 * With Cognito, whose user-info answer has no groups, only a verified access token of the same user makes an admin:
 * none sent, the user is signed in but not an admin; one that fails verification is refused (401).
 */
export function createAlbIdentityVerifier(
  config: AlbSignInConfig,
  options: AlbIdentityOptions = {},
): AlbIdentityVerifier {
  const verifier = AlbJwtVerifier.create(
    { albArn: config.albArn, issuer: config.issuer, jwksUri: config.keyEndpoint, clientId: config.clientId ?? null },
    { jwksCache: options.jwksCache ?? new AlbJwksCache({ fetcher: new KeyFetcher() }) },
  );
  const readCognitoGroups =
    config.cognitoAccessToken &&
    createCognitoGroupsReader(config.cognitoAccessToken, { jwksCache: options.cognitoJwksCache });

  const isAdmin = async (
    payload: Record<string, unknown>,
    sub: string,
    accessToken: string | undefined,
  ): Promise<boolean> => {
    if (!readCognitoGroups) return claimIncludes(payload[config.adminClaim], config.adminGroup);
    return accessToken !== undefined && (await readCognitoGroups(accessToken, sub)).includes(config.adminGroup);
  };

  return async function verifyAlbIdentity({ data, accessToken }) {
    if (data.length > 16_384 || !ALB_TOKEN.test(data) || !claimsOurAlb(data, config)) throw identityInvalid();
    let payload: Record<string, unknown>;
    try {
      payload = (await verifier.verify(data)) as Record<string, unknown>;
    } catch (err) {
      throw toIdentityError(err);
    }
    const sub = payload['sub'];
    if (typeof sub !== 'string' || sub === '') throw identityInvalid();
    return {
      ownerId: sub,
      isAdmin: await isAdmin(payload, sub, accessToken),
      userName: firstString(payload['username'], payload['cognito:username'], payload['email'], payload['name']) ?? sub,
      source: 'alb',
    };
  };
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
