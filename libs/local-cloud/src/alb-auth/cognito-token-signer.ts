import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';

/** A made-up user pool in Cognito's id format; its issuer tells the instances that sign-in is Cognito. */
export const LOCAL_USER_POOL_ID = 'us-east-1_LocalPool';

/** Settings of the local stand-in for a Cognito user pool's token signing. */
export interface CognitoTokenSignerProps {
  /** @default LOCAL_USER_POOL_ID */
  readonly userPoolId?: string;
  /** The app client the tokens are for (`client_id`). */
  readonly clientId: string;
  /** Token lifetime; Cognito's default for access tokens is an hour. @default 3600 */
  readonly lifetimeSeconds?: number;
}

/** The user a token is about. */
export interface CognitoTokenUser {
  readonly sub: string;
  readonly username: string;
  /** `cognito:groups`; Cognito leaves the claim out for a user in no group. @default - in no group */
  readonly groups?: readonly string[];
}

/** Options tests forge tokens with. */
export interface CognitoTokenOptions {
  /** Claims added or overridden (`token_use`, `client_id`, `iss`...). */
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly expiresAt?: number;
}

/** Signs Cognito-shaped tokens (RS256, standard base64url) with a key pair made at start-up, and exposes its JWKS. */
export interface CognitoTokenSigner {
  readonly userPoolId: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`, as Cognito's `iss`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly kid: string;
  /** The public key as the pool's `/.well-known/jwks.json` serves it. */
  readonly jwks: { readonly keys: readonly Record<string, unknown>[] };
  /** An access token (`token_use: access`) as Cognito issues it to the ALB. */
  accessToken(user: CognitoTokenUser, options?: CognitoTokenOptions): string;
}

/** A signer with a fresh RSA-2048 key pair. */
export function createCognitoTokenSigner(props: CognitoTokenSignerProps): CognitoTokenSigner {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const userPoolId = props.userPoolId ?? LOCAL_USER_POOL_ID;
  const issuer = `https://cognito-idp.${userPoolId.split('_')[0]}.amazonaws.com/${userPoolId}`;
  const kid = randomUUID();
  const lifetime = props.lifetimeSeconds ?? 3600;
  return {
    userPoolId,
    issuer,
    clientId: props.clientId,
    kid,
    jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] },
    accessToken(user, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        sub: user.sub,
        ...(user.groups?.length ? { 'cognito:groups': user.groups } : {}),
        iss: issuer,
        version: 2,
        client_id: props.clientId,
        token_use: 'access',
        scope: 'openid profile email',
        auth_time: now,
        iat: now,
        exp: options.expiresAt ?? now + lifetime,
        jti: randomUUID(),
        username: user.username,
        ...options.claims,
      };
      const signingInput = `${base64Url({ kid, alg: 'RS256' })}.${base64Url(payload)}`;
      return `${signingInput}.${sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url')}`;
    },
  };
}

function base64Url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
