import { parseDeploymentConfig } from './deployment-config';
import { configProblemsOf, MINIMAL_DEPLOYMENT, OIDC_AUTH } from '../testing/config-problems';

const minimal = MINIMAL_DEPLOYMENT;
const https = {
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
  domainName: 'uploads.example.com',
};
const oidc = OIDC_AUTH;

const problemsOf = (raw: unknown) => configProblemsOf(() => parseDeploymentConfig(raw));

describe('parseDeploymentConfig: sign-in, WAF and direct transfers', () => {
  it('leaves sign-in and the WAF off by default', () => {
    // GIVEN / WHEN
    const config = parseDeploymentConfig(minimal);
    // THEN
    expect(config.auth).toBeUndefined();
    expect(config.waf).toBe(false);
    expect(config.domainName).toBeUndefined();
  });

  it('defaults the direct transfers to 5 GiB uploads, direct from 16 MiB both ways', () => {
    expect(parseDeploymentConfig(minimal)).toMatchObject({
      maxDirectUploadBytes: 5 * 1024 ** 3,
      directUploadMinBytes: 16 * 1024 ** 2,
      directDownloadMinBytes: 16 * 1024 ** 2,
    });
  });

  it('accepts 0 for directDownloadMinBytes, which turns the redirects off', () => {
    expect(parseDeploymentConfig({ ...minimal, directDownloadMinBytes: 0 }).directDownloadMinBytes).toBe(0);
  });

  it('rejects a direct-upload threshold above the direct-upload limit, showing both', () => {
    expect(problemsOf({ ...minimal, maxDirectUploadBytes: 1000, directUploadMinBytes: 2000 })).toContain(
      'directUploadMinBytes: must not exceed maxDirectUploadBytes (1000), got 2000',
    );
  });

  it('rejects a direct-upload limit above 5 TiB', () => {
    expect(problemsOf({ ...minimal, maxDirectUploadBytes: 6 * 1024 ** 4 })).toContain(
      "maxDirectUploadBytes: must be at most 5 TiB, S3's largest object",
    );
  });

  it('fills Cognito defaults: the admins group, no self sign-up, 12 h sessions', () => {
    // GIVEN / WHEN
    const config = parseDeploymentConfig({ ...minimal, ...https, auth: { provider: 'cognito' } });
    // THEN
    expect(config.auth).toEqual({
      provider: 'cognito',
      adminGroup: 'admins',
      selfSignUp: false,
      sessionTimeoutSeconds: 43_200,
    });
  });

  it('fills OIDC defaults: openid email profile scopes, the groups claim', () => {
    expect(parseDeploymentConfig({ ...minimal, ...https, auth: oidc }).auth).toMatchObject({
      scope: 'openid email profile',
      adminClaim: 'groups',
      adminGroup: 'admins',
    });
  });

  it('refuses auth without a certificate, because the ALB authenticates only on HTTPS', () => {
    expect(problemsOf({ ...minimal, domainName: https.domainName, auth: { provider: 'cognito' } })).toContain(
      'certificateArn: required when auth is set, since the ALB authenticates only on HTTPS, got nothing',
    );
  });

  it('refuses auth without a domain name for the sign-in callback', () => {
    expect(problemsOf({ ...minimal, certificateArn: https.certificateArn, auth: { provider: 'cognito' } })).toContain(
      'domainName: required when auth is set',
    );
  });

  it('rejects an unknown provider and shows it', () => {
    expect(problemsOf({ ...minimal, ...https, auth: { provider: 'saml' } })).toContain(
      'auth.provider: provider must be "cognito" or "oidc", got "saml"',
    );
  });

  it('rejects an OIDC client secret written into the file', () => {
    expect(problemsOf({ ...minimal, ...https, auth: { ...oidc, clientSecret: 's3cr3t' } })).toContain(
      'auth.clientSecret: must be { "secretsManagerArn"',
    );
  });

  it('rejects an OIDC endpoint over plain http', () => {
    expect(
      problemsOf({ ...minimal, ...https, auth: { ...oidc, tokenEndpoint: 'http://idp.example.com/token' } }),
    ).toContain('auth.tokenEndpoint: must be an https URL, got "http://idp.example.com/token"');
  });

  it('rejects a Cognito domain prefix that Cognito reserves', () => {
    expect(
      problemsOf({ ...minimal, ...https, auth: { provider: 'cognito', domainPrefix: 'my-cognito-login' } }),
    ).toContain('auth.domainPrefix: must not contain aws, amazon or cognito');
  });

  it('rejects a domain name with a scheme', () => {
    expect(problemsOf({ ...minimal, domainName: 'https://uploads.example.com' })).toContain(
      'domainName: must be a lowercase DNS name',
    );
  });

  it('turns the WAF on with a default rate limit of 6000 requests per IP per 5 minutes', () => {
    expect(parseDeploymentConfig({ ...minimal, waf: true })).toMatchObject({
      waf: true,
      wafRateLimitPer5Minutes: 6_000,
    });
  });

  it('rejects a WAF rate limit below the 10 requests AWS allows', () => {
    expect(problemsOf({ ...minimal, waf: true, wafRateLimitPer5Minutes: 5 })).toContain('wafRateLimitPer5Minutes:');
  });
});
