import { z } from 'zod';
import { envInt, envOptionalString, envUrl } from './env-fields';

/** Defaults of the access-control settings; exported so docs and tests name one source. */
export const AUTH_DEFAULTS = {
  mode: 'anonymous',
  adminClaim: 'cognito:groups',
  adminGroup: 'admins',
  deleteRetentionHours: 24,
} as const;

/** The ARN shape of an Application Load Balancer, the only signer of `x-amzn-oidc-data` we accept. */
const ALB_ARN =
  /^arn:aws(-cn|-us-gov)?:elasticloadbalancing:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:loadbalancer\/app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;

/** A Cognito user pool's issuer, `https://cognito-idp.<region>.amazonaws.com/<region>_<id>`; group 2 is the pool id. */
const COGNITO_ISSUER =
  /^https:\/\/cognito-idp\.((?:eusc-[a-z]{2}|[a-z]{2})-(?:gov-)?[a-z]+-\d)\.amazonaws\.com\/(\1_[A-Za-z0-9]+)$/;

/** Access-control variables (identity, admin credential, undo window), merged into the webapp's env schema. */
export const authEnvShape = {
  AUTH_MODE: z.enum(['anonymous', 'alb'], { message: 'must be anonymous or alb' }).default(AUTH_DEFAULTS.mode),
  AUTH_ALB_ARN: envOptionalString().pipe(
    z.string().regex(ALB_ARN, 'must be an application load balancer ARN').optional(),
  ),
  AUTH_ISSUER: envOptionalString(),
  AUTH_KEY_ENDPOINT: envUrl(),
  AUTH_CLIENT_ID: envOptionalString(),
  AUTH_JWKS_URI: envUrl(),
  AUTH_ADMIN_CLAIM: envOptionalString(),
  AUTH_ADMIN_GROUP: envOptionalString(),
  AUTH_SIGN_OUT_URL: envOptionalString().pipe(
    z
      .string()
      .regex(/^(https?:\/\/[^\s]+|\/[^/\s][^\s]*)$/, 'must be an http(s) URL or a path starting with /')
      .optional(),
  ),
  ADMIN_TOKEN_SHA256: envOptionalString().pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the SHA-256 of the admin token as 64 hex digits')
      .transform((v) => v.toLowerCase())
      .optional(),
  ),
  DELETE_RETENTION_HOURS: envInt(1, 24 * 30, AUTH_DEFAULTS.deleteRetentionHours),
};

/**
 * Cognito's user-info answer (what the ALB signs into `x-amzn-oidc-data`) has no groups: they are in the access
 * token the ALB forwards in `x-amzn-oidc-accesstoken`, verified against the pool and the app client.
 */
export interface CognitoAccessTokenConfig {
  /** The user pool, taken from the issuer (`us-east-1_AbCdEf123`). */
  readonly userPoolId: string;
  /** The expected `client_id`: the ALB's app client. */
  readonly clientId: string;
  /** Where the pool's JWKS is fetched (`<issuer>/.well-known/jwks.json` on AWS). */
  readonly jwksUri: string;
}

/** Sign-in at the ALB: what the webapp needs to verify `x-amzn-oidc-data`. */
export interface AlbSignInConfig {
  readonly mode: 'alb';
  /** The one accepted `signer`. */
  readonly albArn: string;
  /** The expected `iss`. */
  readonly issuer: string;
  /** Where the ALB's public keys are (`<endpoint>/<kid>` returns a PEM). */
  readonly keyEndpoint: string;
  /** The expected `client` header claim. @default - not checked */
  readonly clientId?: string;
  /** The claim of `x-amzn-oidc-data` listing the user's groups (generic OIDC; the IdP's user-info must return it). */
  readonly adminClaim: string;
  /**
   * Set when the issuer is a Cognito user pool: admins are then read from the access token's `cognito:groups` only.
   * @default - not Cognito: groups come from `adminClaim`
   */
  readonly cognitoAccessToken?: CognitoAccessTokenConfig;
  /** The group that marks admins. */
  readonly adminGroup: string;
  /** Where sign-out ends (the IdP's logout URL). @default - the page itself */
  readonly signOutUrl?: string;
}

/** Who may act, and how they prove it. */
export type AuthConfig = ({ readonly mode: 'anonymous' } | AlbSignInConfig) & {
  /** Lowercase hex SHA-256 of the operator's admin bearer token. @default - no admin token */
  readonly adminTokenSha256?: string;
  /** How long a deleted file can be restored before the sweeper removes it. */
  readonly deleteRetentionHours: number;
};

type AuthEnv = z.infer<z.ZodObject<typeof authEnvShape>>;

/** Builds the auth settings from parsed variables, pushing "NAME: problem, got value" lines for what is missing. */
export function authConfigFrom(e: AuthEnv & { AWS_REGION: string }, problems: string[]): AuthConfig {
  const common = { adminTokenSha256: e.ADMIN_TOKEN_SHA256, deleteRetentionHours: e.DELETE_RETENTION_HOURS };
  if (e.AUTH_MODE === 'anonymous') return { mode: 'anonymous', ...common };
  if (!e.AUTH_ALB_ARN) problems.push('AUTH_ALB_ARN: must be set when AUTH_MODE is alb, got nothing');
  if (!e.AUTH_ISSUER) problems.push('AUTH_ISSUER: must be set when AUTH_MODE is alb, got nothing');
  const keyEndpoint = e.AUTH_KEY_ENDPOINT ?? `https://public-keys.auth.elb.${e.AWS_REGION}.amazonaws.com`;
  if (!isHttpsOrLoopback(keyEndpoint)) {
    problems.push(
      `AUTH_KEY_ENDPOINT: must be https (or http on a loopback address), got ${JSON.stringify(keyEndpoint)}`,
    );
  }
  return {
    mode: 'alb',
    cognitoAccessToken: cognitoAccessTokenFrom(e, problems),
    albArn: e.AUTH_ALB_ARN ?? '',
    issuer: e.AUTH_ISSUER ?? '',
    keyEndpoint: keyEndpoint.replace(/\/+$/, ''),
    clientId: e.AUTH_CLIENT_ID,
    adminClaim: e.AUTH_ADMIN_CLAIM ?? AUTH_DEFAULTS.adminClaim,
    adminGroup: e.AUTH_ADMIN_GROUP ?? AUTH_DEFAULTS.adminGroup,
    signOutUrl: e.AUTH_SIGN_OUT_URL,
    ...common,
  };
}

function cognitoAccessTokenFrom(e: AuthEnv, problems: string[]): CognitoAccessTokenConfig | undefined {
  const userPoolId = COGNITO_ISSUER.exec(e.AUTH_ISSUER ?? '')?.[2];
  if (userPoolId === undefined) {
    if (e.AUTH_JWKS_URI)
      problems.push(`AUTH_JWKS_URI: is only used with a Cognito AUTH_ISSUER, got ${JSON.stringify(e.AUTH_JWKS_URI)}`);
    return undefined;
  }
  if (!e.AUTH_CLIENT_ID)
    problems.push(
      "AUTH_CLIENT_ID: must be set when AUTH_ISSUER is a Cognito user pool (the access token's client_id), got nothing",
    );
  const jwksUri = e.AUTH_JWKS_URI ?? `${e.AUTH_ISSUER}/.well-known/jwks.json`;
  if (!isHttpsOrLoopback(jwksUri))
    problems.push(`AUTH_JWKS_URI: must be https (or http on a loopback address), got ${JSON.stringify(jwksUri)}`);
  return { userPoolId, clientId: e.AUTH_CLIENT_ID ?? '', jwksUri };
}

// Keys fetched in the clear could be swapped on the way; only a local stand-in may serve them over http.
function isHttpsOrLoopback(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}
