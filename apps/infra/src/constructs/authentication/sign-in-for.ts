import type { DeploymentConfig } from '@ha-uploads/config';
import type { Construct } from 'constructs';
import type { AlbSignIn } from './alb-sign-in';
import { CognitoSignIn } from './cognito-sign-in';
import { OidcSignIn } from './oidc-sign-in';

/** The identity provider the deployment's `auth` asks for, or undefined when sign-in is off. */
export function signInFor(
  scope: Construct,
  id: string,
  config: DeploymentConfig,
  offline: boolean,
): AlbSignIn | undefined {
  const auth = config.auth;
  if (!auth) return undefined;
  if (!config.domainName) throw new Error('sign-in needs the domainName its callback lives on, got nothing');
  if (auth.provider === 'cognito') {
    return new CognitoSignIn(scope, id, {
      environment: config.environment,
      region: config.region,
      domainName: config.domainName,
      domainPrefix: auth.domainPrefix,
      adminGroup: auth.adminGroup,
      selfSignUp: auth.selfSignUp,
      sessionTimeoutSeconds: auth.sessionTimeoutSeconds,
      deletionProtection: config.deletionProtection,
    });
  }
  const secret = auth.clientSecret;
  return new OidcSignIn(scope, id, {
    issuer: auth.issuer,
    authorizationEndpoint: auth.authorizationEndpoint,
    tokenEndpoint: auth.tokenEndpoint,
    userInfoEndpoint: auth.userInfoEndpoint,
    clientId: auth.clientId,
    clientSecretArn: 'secretsManagerArn' in secret ? secret.secretsManagerArn : undefined,
    clientSecretParameter: 'ssmParameter' in secret ? secret.ssmParameter : undefined,
    offline,
    scope: auth.scope,
    adminClaim: auth.adminClaim,
    adminGroup: auth.adminGroup,
    signOutUrl: auth.signOutUrl,
    sessionTimeoutSeconds: auth.sessionTimeoutSeconds,
  });
}
