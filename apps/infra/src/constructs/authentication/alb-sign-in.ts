import type { LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener';

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
