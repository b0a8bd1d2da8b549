import type { LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener';
import { ALB_SESSION_TIMEOUT_SECONDS } from '@ha-uploads/config';

/** What an identity provider construct hands the load balancer and the webapp. */
export interface AlbSignIn {
  /** The `authenticate-cognito` or `authenticate-oidc` action the HTTPS listener runs before it forwards. */
  readonly listenerAction: LbListenerDefaultAction;
  /** The `iss` the webapp expects in the ALB's token. */
  readonly issuer: string;
  /** Claim that lists the user's groups. */
  readonly adminClaim: string;
  /** Group whose members are admins. */
  readonly adminGroup: string;
  /** The IdP's logout URL the page's sign-out ends at, when it has one. */
  readonly signOutUrl?: string;
  /** The app client's id. */
  readonly clientId: string;
}

/** The sign-in session timeout, defaulted; throws for one the ALB refuses (a whole 1 to 604800 seconds). */
export function sessionTimeoutSeconds(requested: number | undefined): number {
  const sessionTimeout = requested ?? ALB_SESSION_TIMEOUT_SECONDS.default;
  if (
    !Number.isInteger(sessionTimeout) ||
    sessionTimeout < ALB_SESSION_TIMEOUT_SECONDS.min ||
    sessionTimeout > ALB_SESSION_TIMEOUT_SECONDS.max
  ) {
    throw new RangeError(`sign-in session timeout must be between 1 and 604800 seconds, got ${sessionTimeout}`);
  }
  return sessionTimeout;
}
