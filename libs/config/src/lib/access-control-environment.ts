/** What the webapp needs to verify the ALB's signed identity header. */
export interface AlbIdentity {
  /** The ALB's ARN, the only signer the webapp accepts. */
  readonly loadBalancerArn: string;
  /** The expected `iss`. */
  readonly issuer: string;
  /** Claim that lists the user's groups. */
  readonly adminClaim: string;
  /** Group whose members are admins. */
  readonly adminGroup: string;
  /** The IdP's logout URL the page's sign-out ends at; unset, only the ALB session ends. */
  readonly signOutUrl?: string;
  /** The app client's id (Cognito: the audience of the access token). */
  readonly clientId?: string;
}

/**
 * The access-control settings infra passes to the instances: who signs users in (`AUTH_MODE=alb` with the ALB's
 * identity, else `anonymous`) and where the fleet-wide abuse counters live.
 */
export function accessControlEnvironment(settings: {
  limitsTable: string;
  albIdentity?: AlbIdentity;
}): Record<string, string> {
  const identity = settings.albIdentity;
  const auth: Record<string, string> = identity
    ? {
        AUTH_MODE: 'alb',
        AUTH_ALB_ARN: identity.loadBalancerArn,
        AUTH_ISSUER: identity.issuer,
        AUTH_ADMIN_CLAIM: identity.adminClaim,
        AUTH_ADMIN_GROUP: identity.adminGroup,
        ...(identity.signOutUrl ? { AUTH_SIGN_OUT_URL: identity.signOutUrl } : {}),
        ...(identity.clientId ? { AUTH_CLIENT_ID: identity.clientId } : {}),
      }
    : { AUTH_MODE: 'anonymous' };
  return { ...auth, LIMITS_TABLE: settings.limitsTable };
}
