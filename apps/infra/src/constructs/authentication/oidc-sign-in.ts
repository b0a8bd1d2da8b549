import type { LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener';
import { Construct } from 'constructs';
import { type AlbSignIn, sessionTimeoutSeconds } from './alb-sign-in';
import { clientSecretValue } from './client-secret';

/** Props for {@link OidcSignIn}. */
export interface OidcSignInProps {
  /** The IdP's issuer (`iss`). */
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly userInfoEndpoint: string;
  /** The client id the IdP issued for the ALB (redirect URI `https://<domainName>/oauth2/idpresponse`). */
  readonly clientId: string;
  /**
   * Secrets Manager secret whose string is the client secret; give this or `clientSecretParameter`.
   * @default - none
   */
  readonly clientSecretArn?: string;
  /**
   * SSM parameter (SecureString) holding the client secret; give this or `clientSecretArn`.
   * @default - none
   */
  readonly clientSecretParameter?: string;
  /**
   * Offline rehearsal: no credentials to read the secret with, so the action gets a placeholder.
   * @default false
   */
  readonly offline?: boolean;
  /** @default 'openid email profile' */
  readonly scope?: string;
  /**
   * Claim of the user-info response that lists the user's groups.
   * @default 'groups'
   */
  readonly adminClaim?: string;
  /** @default 'admins' */
  readonly adminGroup?: string;
  /**
   * The IdP's logout (end-session) URL.
   * @default - none: signing out ends only the ALB session
   */
  readonly signOutUrl?: string;
  /**
   * Seconds the ALB's session lasts before it asks the IdP again.
   * @default 43200
   */
  readonly sessionTimeoutSeconds?: number;
}

/** Sign-in at the ALB through a generic OpenID Connect provider, its client secret read from Secrets Manager or SSM. */
export class OidcSignIn extends Construct implements AlbSignIn {
  public readonly listenerAction: LbListenerDefaultAction;
  public readonly issuer: string;
  public readonly adminClaim: string;
  public readonly adminGroup: string;
  public readonly signOutUrl?: string;
  public readonly clientId: string;

  constructor(scope: Construct, id: string, props: OidcSignInProps) {
    super(scope, id);
    const sessionTimeout = sessionTimeoutSeconds(props.sessionTimeoutSeconds);
    const clientSecret = clientSecretValue(this, 'client-secret', {
      secretArn: props.clientSecretArn,
      parameterName: props.clientSecretParameter,
      offline: props.offline ?? false,
    });
    this.issuer = props.issuer;
    this.adminClaim = props.adminClaim ?? 'groups';
    this.adminGroup = props.adminGroup ?? 'admins';
    this.signOutUrl = props.signOutUrl;
    this.clientId = props.clientId;
    this.listenerAction = {
      type: 'authenticate-oidc',
      authenticateOidc: {
        issuer: props.issuer,
        authorizationEndpoint: props.authorizationEndpoint,
        tokenEndpoint: props.tokenEndpoint,
        userInfoEndpoint: props.userInfoEndpoint,
        clientId: props.clientId,
        clientSecret,
        scope: props.scope ?? 'openid email profile',
        sessionTimeout,
        onUnauthenticatedRequest: 'authenticate',
      },
    };
  }
}
