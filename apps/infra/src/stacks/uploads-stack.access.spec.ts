import type { DeploymentConfig } from '@ha-uploads/config';
import { Testing } from 'cdktf';
import { FIXTURE_BUNDLE_DIR, OIDC_AUTH, testDeploymentConfig } from '@ha-uploads/terraform-toolbox/testing';
import { UploadsStack } from './uploads-stack';

// Sign-in, WAF, limits table and direct transfers, wired through the whole stack.
type Synthesized = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, unknown>;
  output: Record<string, { value: string }>;
};

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
const HTTPS = { certificateArn: CERT, domainName: 'uploads.example.com' };
const OIDC = { ...OIDC_AUTH, signOutUrl: 'https://idp.example.com/logout?client_id=ha-uploads' };

function synth(config: DeploymentConfig, offline = false): Synthesized {
  const stack = new UploadsStack(Testing.app(), 'uploads', {
    config,
    webappBundleDir: FIXTURE_BUNDLE_DIR,
    localStateFile: 'x.tfstate',
    offline,
  });
  return JSON.parse(Testing.synth(stack));
}

function resources(synthesized: Synthesized, type: string): Array<Record<string, unknown>> {
  return Object.values(synthesized.resource[type] ?? {});
}

function environment(synthesized: Synthesized): Record<string, string> {
  const [template] = resources(synthesized, 'aws_launch_template');
  // user_data is `${base64encode("...")}`: the script's newlines are escaped inside the Terraform string.
  const lines = (template.user_data as string).split('\\n').filter((l) => l.startsWith('Environment='));
  return Object.fromEntries(
    lines
      .map((l) => l.slice('Environment='.length))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

function httpsListener(synthesized: Synthesized): Record<string, unknown> {
  const found = resources(synthesized, 'aws_lb_listener').find((l) => l.port === 443);
  if (!found) throw new Error('no HTTPS listener');
  return found;
}

const SIGN_IN_TYPES = [
  'aws_cognito_user_pool',
  'aws_cognito_user_pool_client',
  'aws_cognito_user_pool_domain',
  'aws_cognito_user_group',
];

describe('UploadsStack with Cognito sign-in and the WAF', () => {
  const config = testDeploymentConfig({ ...HTTPS, auth: { provider: 'cognito' }, waf: true });
  const synthesized = synth(config);

  it('has the user pool, its admins group, the client and the hosted-UI domain', () => {
    for (const type of SIGN_IN_TYPES) expect(resources(synthesized, type)).toHaveLength(1);
  });

  it('authenticates with Cognito on the HTTPS listener before it forwards', () => {
    const actions = httpsListener(synthesized).default_action as Array<Record<string, unknown>>;
    expect(actions.map((a) => [a.type, a.order])).toEqual([
      ['authenticate-cognito', 1],
      ['forward', 2],
    ]);
    expect(actions[0].authenticate_cognito).toMatchObject({
      user_pool_arn: expect.stringContaining('aws_cognito_user_pool.'),
      on_unauthenticated_request: 'authenticate',
    });
  });

  it('associates the web ACL with the ALB', () => {
    const [association] = resources(synthesized, 'aws_wafv2_web_acl_association');
    expect(association.resource_arn).toMatch(/^\$\{aws_lb\.load-balancer_alb_[A-Z0-9]+\.arn\}$/);
    expect(association.web_acl_arn).toMatch(/^\$\{aws_wafv2_web_acl\./);
  });

  it("runs the webapp in ALB mode, trusting only this ALB's signature and the pool's issuer", () => {
    expect(environment(synthesized)).toMatchObject({
      AUTH_MODE: 'alb',
      AUTH_ALB_ARN: expect.stringMatching(/^\$\{aws_lb\.load-balancer_alb_[A-Z0-9]+\.arn\}$/),
      AUTH_ISSUER: expect.stringMatching(/^https:\/\/\$\{aws_cognito_user_pool\.[^.]+\.endpoint\}$/),
      AUTH_ADMIN_CLAIM: 'cognito:groups',
      AUTH_ADMIN_GROUP: 'admins',
      AUTH_SIGN_OUT_URL: expect.stringMatching(
        /\.auth\.us-east-1\.amazoncognito\.com\/logout\?client_id=\$\{aws_cognito_user_pool_client\.[^}]+\}&logout_uri=https:\/\/uploads\.example\.com\/$/,
      ),
    });
  });

  it('gives the page its https domain as public origin, the only one the bucket allows', () => {
    // GIVEN / WHEN
    const [cors] = resources(synthesized, 'aws_s3_bucket_cors_configuration') as Array<{
      cors_rule: Array<{ allowed_origins: string[] }>;
    }>;
    // THEN
    expect(environment(synthesized).PUBLIC_ORIGIN).toBe('https://uploads.example.com');
    expect(cors.cors_rule[0].allowed_origins).toEqual(['https://uploads.example.com']);
  });

  it('outputs the user pool, for creating users and admins', () => {
    expect(synthesized.output.user_pool.value).toMatch(/^\$\{aws_cognito_user_pool\.[^.]+\.id\}$/);
  });

  it('reads no data source but the AMI parameter, which the offline variant does without', () => {
    expect(Object.keys((synthesized as { data?: object }).data ?? {})).toEqual(['aws_ssm_parameter']);
    expect(synth(config, true)).not.toHaveProperty('data');
  });
});

describe('UploadsStack without sign-in or WAF', () => {
  const synthesized = synth(testDeploymentConfig());

  it('has no user pool, client, domain, sign-in action or web ACL', () => {
    for (const type of [...SIGN_IN_TYPES, 'aws_wafv2_web_acl', 'aws_wafv2_web_acl_association'])
      expect(resources(synthesized, type)).toEqual([]);
    for (const listener of resources(synthesized, 'aws_lb_listener')) {
      expect((listener.default_action as Array<{ type: string }>).map((a) => a.type)).not.toContain(
        'authenticate-cognito',
      );
    }
  });

  it('runs the webapp anonymous', () => {
    expect(environment(synthesized).AUTH_MODE).toBe('anonymous');
    expect(
      Object.keys(environment(synthesized)).filter((name) => name.startsWith('AUTH_') && name !== 'AUTH_MODE'),
    ).toEqual([]);
  });

  it("gives the page the ALB's http origin as public origin, the only one the bucket allows", () => {
    // GIVEN / WHEN
    const [cors] = resources(synthesized, 'aws_s3_bucket_cors_configuration') as Array<{
      bucket: string;
      cors_rule: Array<{ allowed_origins: string[] }>;
    }>;
    // THEN
    expect(environment(synthesized).PUBLIC_ORIGIN).toMatch(
      /^http:\/\/\$\{aws_lb\.load-balancer_alb_[A-Z0-9]+\.dns_name\}$/,
    );
    expect(cors.cors_rule[0].allowed_origins).toEqual([environment(synthesized).PUBLIC_ORIGIN]);
    expect(cors.bucket).toMatch(/^\$\{aws_s3_bucket\.storage_files_bucket_/);
  });
});

describe('UploadsStack, always', () => {
  const synthesized = synth(testDeploymentConfig({ maxDirectUploadBytes: 1024 ** 3, directDownloadMinBytes: 0 }));

  it('creates the limits table and names it to the webapp', () => {
    const limits = resources(synthesized, 'aws_dynamodb_table').filter((t) =>
      String(t.name).startsWith('test-limits-'),
    );
    expect(limits).toHaveLength(1);
    expect(environment(synthesized).LIMITS_TABLE).toMatch(/^\$\{aws_dynamodb_table\.limits_table_[A-Z0-9]+\.name\}$/);
  });

  it('passes the direct-transfer limits to the webapp', () => {
    expect(environment(synthesized)).toMatchObject({
      MAX_DIRECT_UPLOAD_BYTES: '1073741824',
      DIRECT_UPLOAD_MIN_BYTES: '16777216',
      DIRECT_DOWNLOAD_MIN_BYTES: '0',
    });
  });

  it('keeps the rule that aborts incomplete multipart uploads', () => {
    const [lifecycle] = resources(synthesized, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule).toContainEqual(
      expect.objectContaining({
        id: 'abort-incomplete-multipart-uploads',
        abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
      }),
    );
  });
});

describe('UploadsStack with OIDC sign-in', () => {
  const config = testDeploymentConfig({ ...HTTPS, auth: OIDC });

  it('authenticates with the OIDC provider on the HTTPS listener, its secret read from SSM', () => {
    // GIVEN / WHEN
    const synthesized = synth(config);
    const [authenticate] = httpsListener(synthesized).default_action as Array<Record<string, unknown>>;
    // THEN
    expect(authenticate).toMatchObject({
      type: 'authenticate-oidc',
      authenticate_oidc: {
        client_id: 'ha-uploads',
        client_secret: expect.stringMatching(/^\$\{data\.aws_ssm_parameter\./),
      },
    });
    expect(resources(synthesized, 'aws_cognito_user_pool')).toEqual([]);
  });

  it("passes the IdP's issuer, groups claim and sign-out URL to the webapp", () => {
    expect(environment(synth(config))).toMatchObject({
      AUTH_MODE: 'alb',
      AUTH_ISSUER: 'https://idp.example.com',
      AUTH_ADMIN_CLAIM: 'groups',
      AUTH_SIGN_OUT_URL: 'https://idp.example.com/logout?client_id=ha-uploads',
    });
  });

  it('offline, reads no secret, since the rehearsal has no credentials', () => {
    expect(synth(config, true)).not.toHaveProperty('data');
  });
});
