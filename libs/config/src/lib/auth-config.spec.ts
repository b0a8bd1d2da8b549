import { loadWebappConfig } from './webapp-config';
import { configProblemsOf } from '../testing/config-problems';

const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/uploads/0123456789abcdef';
/** Sign-in at the ALB, with the balancer that signs the tokens. */
const ALB_SIGNER = { AUTH_MODE: 'alb', AUTH_ALB_ARN: ARN } as const;

const problemsOf = (env: Record<string, string>) => configProblemsOf(() => loadWebappConfig(env));

describe('access-control settings', () => {
  it('is anonymous with a 24 hour undo window and no admin token by default', () => {
    expect(loadWebappConfig({}).auth).toEqual({
      mode: 'anonymous',
      deleteRetentionHours: 24,
      adminTokenSha256: undefined,
    });
  });

  it('derives the key endpoint from the region and applies the Cognito group defaults with AUTH_MODE=alb', () => {
    // GIVEN only the required alb settings
    const config = loadWebappConfig({
      ...ALB_SIGNER,
      AUTH_ISSUER: 'https://issuer.example',
      AWS_REGION: 'eu-west-1',
    });
    // THEN the regional ELB key endpoint and the documented claim/group are used
    expect(config.auth).toMatchObject({
      mode: 'alb',
      albArn: ARN,
      keyEndpoint: 'https://public-keys.auth.elb.eu-west-1.amazonaws.com',
      adminClaim: 'cognito:groups',
      adminGroup: 'admins',
    });
  });

  it('names both missing variables when AUTH_MODE=alb lacks the signer and issuer', () => {
    const message = problemsOf({ AUTH_MODE: 'alb' });
    expect(message).toContain('AUTH_ALB_ARN: must be set when AUTH_MODE is alb, got nothing');
    expect(message).toContain('AUTH_ISSUER: must be set when AUTH_MODE is alb, got nothing');
  });

  it('rejects a signer that is not an ALB ARN', () => {
    expect(problemsOf({ AUTH_MODE: 'alb', AUTH_ALB_ARN: 'arn:aws:iam::1:role/x', AUTH_ISSUER: 'x' })).toContain(
      'AUTH_ALB_ARN: must be an application load balancer ARN, got "arn:aws:iam::1:role/x"',
    );
  });

  it.each([
    [
      'a key endpoint',
      { ...ALB_SIGNER, AUTH_ISSUER: 'x', AUTH_KEY_ENDPOINT: 'http://keys.example' },
      'AUTH_KEY_ENDPOINT: must be https (or http on a loopback address), got "http://keys.example"',
    ],
    [
      'a Cognito JWKS',
      {
        ...ALB_SIGNER,
        AUTH_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
        AUTH_CLIENT_ID: 'c',
        AUTH_JWKS_URI: 'http://keys.example/jwks.json',
      },
      'AUTH_JWKS_URI: must be https (or http on a loopback address), got "http://keys.example/jwks.json"',
    ],
  ])('refuses %s over plain http off the loopback', (_what, env, message) => {
    expect(problemsOf(env)).toContain(message);
  });

  it('accepts a local key endpoint on the loopback', () => {
    const config = loadWebappConfig({
      ...ALB_SIGNER,
      AUTH_ISSUER: 'x',
      AUTH_KEY_ENDPOINT: 'http://127.0.0.1:4000/',
    });
    expect(config.auth).toMatchObject({ keyEndpoint: 'http://127.0.0.1:4000' });
  });

  describe('with a Cognito user pool as the issuer', () => {
    const POOL_ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123';
    const cognito = { ...ALB_SIGNER, AUTH_ISSUER: POOL_ISSUER };

    it("verifies the access token against the issuer's pool, its JWKS and the app client", () => {
      expect(loadWebappConfig({ ...cognito, AUTH_CLIENT_ID: 'client123' }).auth).toMatchObject({
        cognitoAccessToken: {
          userPoolId: 'eu-west-1_AbCdEf123',
          clientId: 'client123',
          jwksUri: `${POOL_ISSUER}/.well-known/jwks.json`,
        },
      });
    });

    it('needs the app client id, which the access token must name', () => {
      expect(problemsOf(cognito)).toContain(
        "AUTH_CLIENT_ID: must be set when AUTH_ISSUER is a Cognito user pool (the access token's client_id), got nothing",
      );
    });

    it('takes the JWKS from a loopback stand-in when told to', () => {
      const config = loadWebappConfig({
        ...cognito,
        AUTH_CLIENT_ID: 'c',
        AUTH_JWKS_URI: 'http://127.0.0.1:4001/jwks.json',
      });
      expect(config.auth).toMatchObject({ cognitoAccessToken: { jwksUri: 'http://127.0.0.1:4001/jwks.json' } });
    });

    it('is not Cognito when the pool id names another region than the host', () => {
      const config = loadWebappConfig({
        ...cognito,
        AUTH_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbCdEf123',
      });
      expect(config.auth).toMatchObject({ cognitoAccessToken: undefined });
    });
  });

  it('refuses a JWKS setting without a Cognito issuer, where nothing would read it', () => {
    expect(
      problemsOf({
        ...ALB_SIGNER,
        AUTH_ISSUER: 'https://login.example',
        AUTH_JWKS_URI: 'https://login.example/jwks',
      }),
    ).toContain('AUTH_JWKS_URI: is only used with a Cognito AUTH_ISSUER, got "https://login.example/jwks"');
  });

  it('reads the groups from the data header for a generic OIDC issuer', () => {
    expect(
      loadWebappConfig({
        ...ALB_SIGNER,
        AUTH_ISSUER: 'https://login.example',
        AUTH_CLIENT_ID: 'c',
      }).auth,
    ).toMatchObject({ cognitoAccessToken: undefined });
  });

  it('rejects an unknown mode', () => {
    expect(problemsOf({ AUTH_MODE: 'cognito' })).toContain('AUTH_MODE: must be anonymous or alb, got "cognito"');
  });

  it('rejects an admin token digest that is not 64 hex digits', () => {
    expect(problemsOf({ ADMIN_TOKEN_SHA256: 'secret' })).toContain(
      'ADMIN_TOKEN_SHA256: must be the SHA-256 of the admin token as 64 hex digits, got "secret"',
    );
  });

  it('lowercases the admin token digest', () => {
    expect(loadWebappConfig({ ADMIN_TOKEN_SHA256: 'AB'.repeat(32) }).auth.adminTokenSha256).toBe('ab'.repeat(32));
  });

  it('rejects an undo window of zero hours', () => {
    expect(problemsOf({ DELETE_RETENTION_HOURS: '0' })).toContain(
      'DELETE_RETENTION_HOURS: must be at least 1, got "0"',
    );
  });
});
