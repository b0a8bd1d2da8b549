import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthConfig } from '@ha-uploads/config';
import type { Context, Middleware } from 'koa';
import { createAlbIdentityVerifier, type AlbIdentityVerifier } from '../identity/alb-identity';
import { NO_IDENTITY, type Identity } from '../identity/identity';
import { OWNER_SECRET_PATTERN, newOwnerSecret, ownerIdOf } from '../identity/owner-secret';
import { AppError } from './errors';
import { ownerCookieConflict, readOwnerCookie, setOwnerCookie } from './owner-cookie';
import type { AppState } from './state';

/** The header the ALB puts its signed user claims in. */
export const ALB_CLAIMS_HEADER = 'x-amzn-oidc-data';
/** The header the ALB forwards the IdP's access token in (with Cognito, the only place the user's groups are). */
export const ALB_ACCESS_TOKEN_HEADER = 'x-amzn-oidc-accesstoken';

/** Settings of the identity middleware. */
export interface IdentityOptions {
  readonly auth: AuthConfig;
  /** @default - aws-jwt-verify's AlbJwtVerifier over the configured key endpoint (alb mode only) */
  readonly verifyAlb?: AlbIdentityVerifier;
}

const badToken = () =>
  new AppError(
    401,
    'INVALID_TOKEN',
    'The bearer token is not valid; send the ownerToken an upload returned, or none.',
    true,
    {
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    },
  );

/**
 * Sets ctx.state.identity on every request, trusting nothing unverified: an admin bearer token (checked against
 * its configured SHA-256), the ALB's signed claims in alb mode (the header is ignored otherwise, whoever sends it),
 * or in anonymous mode the owner secret from its cookie or `Authorization: Bearer`.
 */
export function identity(opts: IdentityOptions): Middleware<AppState> {
  const { auth } = opts;
  const verifyAlb = auth.mode === 'alb' ? (opts.verifyAlb ?? createAlbIdentityVerifier(auth)) : undefined;
  const adminDigest = auth.adminTokenSha256 === undefined ? undefined : Buffer.from(auth.adminTokenSha256, 'hex');

  const fromBearer = (token: string): Identity => {
    if (adminDigest && timingSafeEqual(createHash('sha256').update(token).digest(), adminDigest)) {
      return { ownerId: ownerIdOf(token), isAdmin: true, userName: 'admin token', source: 'admin' };
    }
    if (auth.mode === 'anonymous' && OWNER_SECRET_PATTERN.test(token))
      return { ownerId: ownerIdOf(token), isAdmin: false, source: 'owner-secret' };
    throw badToken();
  };

  return async function identity(ctx, next) {
    ctx.state.identity = NO_IDENTITY;
    const authorization = ctx.get('Authorization');
    if (authorization !== '') {
      const match = /^Bearer ([\x21-\x7e]{1,512})$/i.exec(authorization);
      if (!match) throw badToken();
      ctx.state.identity = fromBearer(match[1]);
    } else if (verifyAlb) {
      const data = ctx.get(ALB_CLAIMS_HEADER);
      const accessToken = ctx.get(ALB_ACCESS_TOKEN_HEADER);
      if (data !== '')
        ctx.state.identity = await verifyAlb({ data, accessToken: accessToken === '' ? undefined : accessToken });
    } else {
      const secret = readOwnerCookie(ctx);
      // Two owner cookies (a shadow set by a sibling origin): no identity, and an upload is refused by ensureOwner.
      if (secret === 'conflict') ctx.state.ownerCookieConflict = true;
      else if (secret !== undefined && OWNER_SECRET_PATTERN.test(secret)) {
        ctx.state.identity = { ownerId: ownerIdOf(secret), isAdmin: false, source: 'owner-secret' };
      }
    }
    return next();
  };
}

/**
 * The owner id an upload is recorded under. Anonymous clients without one get a new owner secret here, before the
 * body is read: the owner cookie (see owner-cookie.ts), and once, for API clients, in the response
 * (ctx.state.issuedOwnerSecret). With sign-in, only a verified user may upload.
 */
export function ensureOwner(ctx: Context & { state: AppState }, auth: AuthConfig): string {
  const current = ctx.state.identity;
  if (current.ownerId !== undefined) return current.ownerId;
  if (auth.mode === 'alb') throw new AppError(401, 'UNAUTHENTICATED', 'Sign in to upload files.');
  if (ctx.state.ownerCookieConflict) throw ownerCookieConflict();
  const secret = newOwnerSecret();
  setOwnerCookie(ctx, secret);
  ctx.state.identity = { ownerId: ownerIdOf(secret), isAdmin: false, source: 'owner-secret' };
  ctx.state.issuedOwnerSecret = secret;
  return ctx.state.identity.ownerId as string;
}
