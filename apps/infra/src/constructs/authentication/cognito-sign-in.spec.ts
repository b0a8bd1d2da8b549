import { Testing } from 'cdktf';
import { CognitoSignIn, type CognitoSignInProps } from './cognito-sign-in';
import { synthesizedResources } from '../../testing/synthesized-resources';

const base: CognitoSignInProps = { environment: 'test', region: 'us-east-1', domainName: 'uploads.example.com' };

function build(props: Partial<CognitoSignInProps> = {}): { synthesized: string; signIn: CognitoSignIn } {
  let signIn: CognitoSignIn | undefined;
  const synthesized = Testing.synthScope((scope) => {
    signIn = new CognitoSignIn(scope, 'sign-in', { ...base, ...props });
  });
  return { synthesized, signIn: signIn as CognitoSignIn };
}

describe('CognitoSignIn', () => {
  it('creates a user pool where only an operator creates users, by default', () => {
    expect(build().synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cognito_user_pool' },
      {
        name: 'test-users',
        admin_create_user_config: { allow_admin_create_user_only: true },
      },
    );
  });

  it('with self sign-up', () => {
    expect(build({ selfSignUp: true }).synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cognito_user_pool' },
      {
        admin_create_user_config: { allow_admin_create_user_only: false },
      },
    );
  });

  it('creates the admins group', () => {
    expect(build().synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cognito_user_group' },
      { name: 'admins' },
    );
  });

  it("gives the ALB a client with a secret, the code flow, and callback and logout on the app's domain", () => {
    expect(build().synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cognito_user_pool_client' },
      {
        generate_secret: true,
        allowed_oauth_flows_user_pool_client: true,
        allowed_oauth_flows: ['code'],
        allowed_oauth_scopes: ['openid', 'email', 'profile'],
        callback_urls: ['https://uploads.example.com/oauth2/idpresponse'],
        logout_urls: ['https://uploads.example.com/'],
        supported_identity_providers: ['COGNITO'],
      },
    );
  });

  it('creates a hosted-UI domain with a generated prefix by default', () => {
    const [domain] = synthesizedResources<{
      domain: string;
    }>(build().synthesized, 'aws_cognito_user_pool_domain');
    expect(domain.domain).toMatch(/^ha-uploads-test-\$\{substr\(/);
  });

  it('with a chosen domain prefix', () => {
    expect(build({ domainPrefix: 'files-login' }).synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cognito_user_pool_domain' },
      { domain: 'files-login' },
    );
  });

  it('hands the listener an authenticate-cognito action that sends strangers to sign in', () => {
    const { listenerAction } = build().signIn;
    expect(listenerAction.type).toBe('authenticate-cognito');
    expect(listenerAction.authenticateCognito).toMatchObject({
      onUnauthenticatedRequest: 'authenticate',
      sessionTimeout: 43_200,
      scope: 'openid email profile',
    });
  });

  it("names the pool's issuer, the groups claim and the hosted UI's logout back to the app", () => {
    // GIVEN / WHEN
    const { signIn } = build();
    // THEN
    expect(signIn.issuer).toMatch(/^https:\/\/\$\{TfToken/);
    expect(signIn.adminClaim).toBe('cognito:groups');
    expect(signIn.adminGroup).toBe('admins');
    expect(signIn.signOutUrl).toMatch(
      /\.auth\.us-east-1\.amazoncognito\.com\/logout\?client_id=.*&logout_uri=https:\/\/uploads\.example\.com\/$/,
    );
  });

  it('rejects a domain prefix Cognito reserves and shows it', () => {
    expect(() => build({ domainPrefix: 'aws-login' })).toThrow(
      'cognito domain prefix must not contain aws, amazon or cognito, got "aws-login"',
    );
  });

  it('rejects a session timeout of 0 and shows it', () => {
    expect(() => build({ sessionTimeoutSeconds: 0 })).toThrow(
      'sign-in session timeout must be between 1 and 604800 seconds, got 0',
    );
  });
});
