import { accessControlEnvironment } from './access-control-environment';

const identity = {
  loadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/abc',
  issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc',
  adminClaim: 'cognito:groups',
  adminGroup: 'admins',
};

describe('accessControlEnvironment', () => {
  it('without sign-in, runs the webapp anonymous and still names the limits table', () => {
    expect(accessControlEnvironment({ limitsTable: 'dev-limits' })).toEqual({
      AUTH_MODE: 'anonymous',
      LIMITS_TABLE: 'dev-limits',
    });
  });

  it('with sign-in at the ALB, passes the signer, issuer and admin group', () => {
    expect(accessControlEnvironment({ limitsTable: 'dev-limits', albIdentity: identity })).toEqual({
      AUTH_MODE: 'alb',
      AUTH_ALB_ARN: identity.loadBalancerArn,
      AUTH_ISSUER: identity.issuer,
      AUTH_ADMIN_CLAIM: 'cognito:groups',
      AUTH_ADMIN_GROUP: 'admins',
      LIMITS_TABLE: 'dev-limits',
    });
  });

  it('passes the sign-out URL and client id when the IdP has them', () => {
    // GIVEN
    const albIdentity = { ...identity, signOutUrl: 'https://login.example.com/logout?client_id=abc', clientId: 'abc' };
    // WHEN
    const env = accessControlEnvironment({ limitsTable: 'dev-limits', albIdentity });
    // THEN
    expect(env).toMatchObject({
      AUTH_SIGN_OUT_URL: 'https://login.example.com/logout?client_id=abc',
      AUTH_CLIENT_ID: 'abc',
    });
  });
});
