import { CognitoUserGroup } from '@cdktf/provider-aws/lib/cognito-user-group';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain';
import type { LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener';
import { Construct } from 'constructs';
import { UniqueSuffix } from '../naming/unique-suffix';
import { type AlbSignIn, sessionTimeoutSeconds } from './alb-sign-in';

/** Props for {@link CognitoSignIn}. */
export interface CognitoSignInProps {
  /** Environment name; names the pool and the client. */
  readonly environment: string;
  /** Region of the pool, for its hosted-UI and issuer URLs. */
  readonly region: string;
  /** The public DNS name the ALB serves; the callback and logout URLs live on it. */
  readonly domainName: string;
  /**
   * Prefix of the hosted-UI domain, unique in the region.
   * @default - `ha-uploads-<environment>-<random>`, fixed at first apply
   */
  readonly domainPrefix?: string;
  /**
   * Group whose members are admins.
   * @default 'admins'
   */
  readonly adminGroup?: string;
  /**
   * Let visitors create their own accounts on the hosted UI.
   * @default false - an operator creates every user (`aws cognito-idp admin-create-user`)
   */
  readonly selfSignUp?: boolean;
  /**
   * Seconds the ALB's session lasts before it asks Cognito again.
   * @default 43200
   */
  readonly sessionTimeoutSeconds?: number;
  /**
   * Refuse deletion of the user pool.
   * @default false
   */
  readonly deletionProtection?: boolean;
}

/** A Cognito user pool with an `admins` group, an app client for the ALB's code flow, and a hosted-UI domain. */
export class CognitoSignIn extends Construct implements AlbSignIn {
  public readonly userPool: CognitoUserPool;
  public readonly adminsGroup: CognitoUserGroup;
  public readonly client: CognitoUserPoolClient;
  public readonly domain: CognitoUserPoolDomain;
  public readonly listenerAction: LbListenerDefaultAction;
  public readonly issuer: string;
  public readonly adminClaim = 'cognito:groups';
  public readonly adminGroup: string;
  public readonly signOutUrl: string;
  public readonly clientId: string;

  constructor(scope: Construct, id: string, props: CognitoSignInProps) {
    super(scope, id);
    const sessionTimeout = sessionTimeoutSeconds(props.sessionTimeoutSeconds);
    if (/aws|amazon|cognito/.test(props.domainPrefix ?? props.environment)) {
      throw new Error(
        `cognito domain prefix must not contain aws, amazon or cognito, got ${JSON.stringify(props.domainPrefix ?? props.environment)}`,
      );
    }
    this.adminGroup = props.adminGroup ?? 'admins';
    const appOrigin = `https://${props.domainName}`;

    this.userPool = new CognitoUserPool(this, 'user-pool', {
      name: `${props.environment}-users`,
      // Lite has the classic hosted UI, TOTP MFA and groups; 10,000 monthly active users are free.
      userPoolTier: 'LITE',
      usernameAttributes: ['email'],
      autoVerifiedAttributes: ['email'],
      adminCreateUserConfig: { allowAdminCreateUserOnly: !(props.selfSignUp ?? false) },
      passwordPolicy: {
        minimumLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: false,
        temporaryPasswordValidityDays: 7,
      },
      mfaConfiguration: 'OPTIONAL',
      softwareTokenMfaConfiguration: { enabled: true },
      accountRecoverySetting: { recoveryMechanism: [{ name: 'verified_email', priority: 1 }] },
      deletionProtection: props.deletionProtection ? 'ACTIVE' : 'INACTIVE',
    });
    this.adminsGroup = new CognitoUserGroup(this, 'admins', {
      name: this.adminGroup,
      userPoolId: this.userPool.id,
      description: 'Admins of the upload service: may delete and restore any file',
    });
    this.client = new CognitoUserPoolClient(this, 'client', {
      name: `${props.environment}-alb`,
      userPoolId: this.userPool.id,
      // The ALB is a confidential client: it redeems the code with the secret.
      generateSecret: true,
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthFlows: ['code'],
      allowedOauthScopes: ['openid', 'email', 'profile'],
      supportedIdentityProviders: ['COGNITO'],
      callbackUrls: [`${appOrigin}/oauth2/idpresponse`],
      logoutUrls: [`${appOrigin}/`],
      explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
    });
    const prefix =
      props.domainPrefix ?? `ha-uploads-${props.environment}-${new UniqueSuffix(this, 'domain-suffix').value}`;
    this.domain = new CognitoUserPoolDomain(this, 'domain', { domain: prefix, userPoolId: this.userPool.id });

    this.listenerAction = {
      type: 'authenticate-cognito',
      authenticateCognito: {
        userPoolArn: this.userPool.arn,
        userPoolClientId: this.client.id,
        userPoolDomain: this.domain.domain,
        scope: 'openid email profile',
        sessionTimeout,
        onUnauthenticatedRequest: 'authenticate',
      },
    };
    this.issuer = `https://${this.userPool.endpoint}`;
    this.clientId = this.client.id;
    // The hosted UI ends its own session, then returns to the app, whose ALB asks the user to sign in again.
    this.signOutUrl = `https://${this.domain.domain}.auth.${props.region}.amazoncognito.com/logout?client_id=${this.client.id}&logout_uri=${appOrigin}/`;
  }
}
