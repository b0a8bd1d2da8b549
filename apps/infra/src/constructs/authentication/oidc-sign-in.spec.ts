import { Testing } from 'cdktf';
import { OFFLINE_CLIENT_SECRET } from './client-secret';
import { OidcSignIn, type OidcSignInProps } from './oidc-sign-in';

const base: OidcSignInProps = {
  issuer: 'https://idp.example.com',
  authorizationEndpoint: 'https://idp.example.com/authorize',
  tokenEndpoint: 'https://idp.example.com/token',
  userInfoEndpoint: 'https://idp.example.com/userinfo',
  clientId: 'ha-uploads',
  clientSecretParameter: '/ha-uploads/oidc-client-secret',
};

function build(props: Partial<OidcSignInProps> = {}): {
  synthesized: Record<string, Record<string, Record<string, Record<string, unknown>>>>;
  signIn: OidcSignIn;
} {
  let signIn: OidcSignIn | undefined;
  const synthesized = Testing.synthScope((scope) => {
    signIn = new OidcSignIn(scope, 'sign-in', { ...base, ...props });
  });
  return { synthesized: JSON.parse(synthesized), signIn: signIn as OidcSignIn };
}

describe('OidcSignIn', () => {
  it('hands the listener an authenticate-oidc action with the endpoints from config', () => {
    expect(build().signIn.listenerAction).toMatchObject({
      type: 'authenticate-oidc',
      authenticateOidc: {
        issuer: base.issuer,
        authorizationEndpoint: base.authorizationEndpoint,
        tokenEndpoint: base.tokenEndpoint,
        userInfoEndpoint: base.userInfoEndpoint,
        clientId: 'ha-uploads',
        scope: 'openid email profile',
        onUnauthenticatedRequest: 'authenticate',
      },
    });
  });

  it('reads the client secret from an SSM SecureString', () => {
    // GIVEN / WHEN
    const { synthesized, signIn } = build();
    // THEN
    expect(Object.values(synthesized.data.aws_ssm_parameter)).toEqual([
      expect.objectContaining({ name: '/ha-uploads/oidc-client-secret', with_decryption: true }),
    ]);
    expect(signIn.listenerAction.authenticateOidc?.clientSecret).toMatch(/^\$\{TfToken/);
  });

  it('reads the client secret from Secrets Manager', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:oidc-AbCdEf';
    const { synthesized } = build({ clientSecretParameter: undefined, clientSecretArn: arn });
    expect(Object.values(synthesized.data.aws_secretsmanager_secret_version)).toEqual([
      expect.objectContaining({ secret_id: arn }),
    ]);
  });

  it('offline, reads nothing and uses a placeholder secret, since the rehearsal has no credentials', () => {
    // GIVEN / WHEN
    const { synthesized, signIn } = build({ offline: true });
    // THEN
    expect(synthesized).not.toHaveProperty('data');
    expect(signIn.listenerAction.authenticateOidc?.clientSecret).toBe(OFFLINE_CLIENT_SECRET);
  });

  it('names the issuer, the groups claim and the sign-out URL for the webapp', () => {
    const { signIn } = build({ signOutUrl: 'https://idp.example.com/logout' });
    expect(signIn).toMatchObject({
      issuer: base.issuer,
      adminClaim: 'groups',
      adminGroup: 'admins',
      signOutUrl: 'https://idp.example.com/logout',
      clientId: 'ha-uploads',
    });
  });

  it('refuses two sources for the client secret', () => {
    expect(() => build({ clientSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x' })).toThrow(
      'client secret needs exactly one of a Secrets Manager ARN or an SSM parameter',
    );
  });
});
