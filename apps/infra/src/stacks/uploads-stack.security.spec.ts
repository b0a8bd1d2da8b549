import type { DeploymentConfig } from '@ha-uploads/config';
import { Testing } from 'cdktf';
import { FIXTURE_BUNDLE_DIR, testDeploymentConfig } from '@ha-uploads/terraform-toolbox/testing';
import { UploadsStack } from './uploads-stack';

// Infra security checks over the synthesized Terraform JSON (issue 5), for the default and the most open config.
type Resources = Record<string, Record<string, Record<string, unknown>>>;

const variants: Array<[string, DeploymentConfig]> = [
  ['default', testDeploymentConfig()],
  [
    'https + ssh + access logs + sticky',
    testDeploymentConfig({
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      sshKeyName: 'ops',
      adminCidr: '203.0.113.7/32',
      accessLogs: true,
      stickySessions: true,
      bucketVersioning: false,
      alarmEmail: 'ops@example.com',
      instanceRefreshMinHealthyPercentage: 0,
      amiId: 'ami-0123456789abcdef0',
    }),
  ],
  [
    'https + cognito sign-in + waf',
    testDeploymentConfig({
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      domainName: 'uploads.example.com',
      auth: { provider: 'cognito' },
      waf: true,
    }),
  ],
  ['malware scan', testDeploymentConfig({ malwareScan: true, scanUnscannable: 'allow' })],
];

function synthesized(config: DeploymentConfig): { resource: Resources; output: Record<string, { value: unknown }> } {
  const stack = new UploadsStack(Testing.app(), 'uploads', {
    config,
    webappBundleDir: FIXTURE_BUNDLE_DIR,
    localStateFile: 'x.tfstate',
  });
  return JSON.parse(Testing.synth(stack));
}

function resourcesOf(config: DeploymentConfig): Resources {
  return synthesized(config).resource;
}

function all(resources: Resources, type: string): Array<[string, Record<string, unknown>]> {
  return Object.entries(resources[type] ?? {});
}

/** `${aws_x.name.attr}` for a resource, as other resources reference it. */
function ref(type: string, name: string, attr: string): string {
  return `\${${type}.${name}.${attr}}`;
}

describe.each(variants)('infra security (%s)', (_name, config) => {
  const resources = resourcesOf(config);

  it('opens no instance port to 0.0.0.0/0', () => {
    const albGroups = all(resources, 'aws_lb').flatMap(([, lb]) => lb.security_groups as string[]);
    const openRules = all(resources, 'aws_vpc_security_group_ingress_rule').filter(
      ([, r]) => r.cidr_ipv4 === '0.0.0.0/0' || r.cidr_ipv6 === '::/0',
    );
    for (const [, rule] of openRules) {
      expect(albGroups).toContain(rule.security_group_id);
      expect([80, 443]).toContain(rule.from_port);
      expect(rule.to_port).toBe(rule.from_port);
    }
    expect(all(resources, 'aws_security_group').every(([, g]) => g.ingress === undefined)).toBe(true);
  });

  it('requires IMDSv2 on every launch template', () => {
    const templates = all(resources, 'aws_launch_template');
    expect(templates.length).toBeGreaterThan(0);
    for (const [, t] of templates)
      expect(t.metadata_options).toMatchObject({ http_tokens: 'required', http_endpoint: 'enabled' });
  });

  it('grants no IAM statement a * action or resource', () => {
    const policies = [...all(resources, 'aws_iam_role_policy'), ...all(resources, 'aws_iam_policy')];
    expect(policies.length).toBeGreaterThan(0);
    for (const [, p] of policies) {
      for (const statement of JSON.parse(p.policy as string).Statement) {
        const actions: string[] = [statement.Action].flat();
        expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
        expect([statement.Resource].flat()).not.toContain('*');
        expect(statement).not.toHaveProperty('NotAction');
      }
    }
  });

  it('encrypts every bucket, table and volume', () => {
    const encrypted = new Set(
      all(resources, 'aws_s3_bucket_server_side_encryption_configuration').map(([, e]) => e.bucket),
    );
    for (const [name] of all(resources, 'aws_s3_bucket')) expect(encrypted).toContain(ref('aws_s3_bucket', name, 'id'));
    for (const [, table] of all(resources, 'aws_dynamodb_table'))
      expect(table.server_side_encryption).toEqual({ enabled: true });
    for (const [, t] of all(resources, 'aws_launch_template')) {
      for (const mapping of t.block_device_mappings as Array<{ ebs: { encrypted: string } }>)
        expect(mapping.ebs.encrypted).toBe('true');
    }
  });

  it('blocks public access to every bucket and requires TLS in its policy', () => {
    const blocks = new Map(all(resources, 'aws_s3_bucket_public_access_block').map(([, b]) => [b.bucket, b]));
    const policies = new Map(
      all(resources, 'aws_s3_bucket_policy').map(([, p]) => [p.bucket, JSON.parse(p.policy as string)]),
    );
    for (const [name] of all(resources, 'aws_s3_bucket')) {
      const id = ref('aws_s3_bucket', name, 'id');
      expect(blocks.get(id)).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(policies.get(id)?.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Principal: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('makes every ALB drop invalid header fields', () => {
    for (const [, lb] of all(resources, 'aws_lb')) expect(lb.drop_invalid_header_fields).toBe(true);
  });

  it('keeps every log group for a bounded retention', () => {
    const groups = all(resources, 'aws_cloudwatch_log_group');
    expect(groups.length).toBeGreaterThan(0);
    for (const [, group] of groups) expect(group.retention_in_days).toBeGreaterThan(0);
  });

  it('grants CloudWatch Logs actions only on the stack log groups and their streams', () => {
    const groupArns = all(resources, 'aws_cloudwatch_log_group').map(([name]) =>
      ref('aws_cloudwatch_log_group', name, 'arn'),
    );
    const allowed = groupArns.flatMap((arn) => [arn, `${arn}:*`]);
    const statements = all(resources, 'aws_iam_role_policy').flatMap(
      ([, p]) =>
        JSON.parse(p.policy as string).Statement as Array<{ Action: string | string[]; Resource: string | string[] }>,
    );
    const logStatements = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith('logs:')));
    expect(logStatements.length).toBeGreaterThan(0);
    for (const st of logStatements) {
      for (const resource of [st.Resource].flat()) expect(allowed).toContain(resource);
      expect([st.Action].flat()).not.toContain('logs:CreateLogGroup');
    }
  });

  it('makes every alarm notify the stack alarm topic, on alarm and on recovery', () => {
    const topics = all(resources, 'aws_sns_topic').map(([name]) => ref('aws_sns_topic', name, 'arn'));
    const alarms = all(resources, 'aws_cloudwatch_metric_alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const [, alarm] of alarms) {
      expect(alarm.alarm_actions).toEqual(expect.arrayContaining([expect.any(String)]));
      for (const action of [...(alarm.alarm_actions as string[]), ...(alarm.ok_actions as string[])])
        expect(topics).toContain(action);
    }
  });

  it('subscribes only the configured alarm address, by email, to the stack topic', () => {
    const topics = all(resources, 'aws_sns_topic').map(([name]) => ref('aws_sns_topic', name, 'arn'));
    const subscriptions = all(resources, 'aws_sns_topic_subscription');
    expect(subscriptions.map(([, sub]) => sub.endpoint)).toEqual(config.alarmEmail ? [config.alarmEmail] : []);
    for (const [, sub] of subscriptions) {
      expect(sub.protocol).toBe('email');
      expect(topics).toContain(sub.topic_arn);
    }
  });

  it('opens no SNS topic to other accounts', () => {
    for (const [, policy] of all(resources, 'aws_sns_topic_policy'))
      expect(policy.policy).not.toMatch(/"Principal":\s*"\*"/);
  });

  it('rolls the fleet to a numbered launch template version of a concrete AMI, failing on the stack alarms and rolling back', () => {
    const alarmNames = all(resources, 'aws_cloudwatch_metric_alarm').map(([name]) =>
      ref('aws_cloudwatch_metric_alarm', name, 'alarm_name'),
    );
    const refresh = synthesized(config).output.instanceRefresh.value as string;
    const [, launchTemplate] = all(resources, 'aws_launch_template')[0];
    expect(launchTemplate.image_id).not.toMatch(/^resolve:ssm:/);
    expect(refresh).toMatch(/"version" = tostring\(aws_launch_template\.[^.]+\.latest_version\)/);
    expect(refresh).toContain('"auto_rollback" = true');
    const alarms = [...refresh.matchAll(/aws_cloudwatch_metric_alarm\.[^,\]]+\.alarm_name/g)].map((m) => `\${${m[0]}}`);
    expect(alarms.length).toBeGreaterThan(0);
    for (const name of alarms) expect(alarmNames).toContain(name);
  });
});

describe('infra security: direct transfers and sign-in', () => {
  const signedIn = resourcesOf(variants[2][1]);

  function roleStatements(
    resources: Resources,
  ): Array<{ Sid: string; Action: string | string[]; Resource: string | string[] }> {
    const [[, policy]] = all(resources, 'aws_iam_role_policy');
    return JSON.parse(policy.policy as string).Statement;
  }

  it('grants the multipart actions beyond PutObject on the file bodies only', () => {
    // GIVEN / WHEN
    const multipart = roleStatements(signedIn).filter((s) => [s.Action].flat().some((a) => a.includes('Multipart')));
    // THEN
    expect(multipart).toEqual([
      expect.objectContaining({
        Action: ['s3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        Resource: expect.stringMatching(/\.arn\}\/files\/\*$/),
      }),
    ]);
  });

  it('grants only GetItem and UpdateItem on the limits table', () => {
    const [[limitsName]] = all(signedIn, 'aws_dynamodb_table').filter(([, t]) => String(t.name).includes('-limits-'));
    const onLimits = roleStatements(signedIn).filter((s) =>
      [s.Resource].flat().some((r) => r.includes(`aws_dynamodb_table.${limitsName}.`)),
    );
    expect(onLimits.map((s) => s.Action)).toEqual([['dynamodb:GetItem', 'dynamodb:UpdateItem']]);
  });

  it('lets the files bucket answer cross-origin requests from one origin only, never *', () => {
    for (const [, cors] of all(signedIn, 'aws_s3_bucket_cors_configuration')) {
      for (const rule of cors.cors_rule as Array<{ allowed_origins: string[]; allowed_methods: string[] }>) {
        expect(rule.allowed_origins).toEqual(['https://uploads.example.com']);
        expect(rule.allowed_methods).toEqual(['PUT', 'GET']);
      }
    }
  });

  it('with sign-in, every listener either authenticates before it forwards or only redirects to HTTPS', () => {
    for (const [, listener] of all(signedIn, 'aws_lb_listener')) {
      const types = (listener.default_action as Array<{ type: string }>).map((a) => a.type);
      expect([['redirect'], ['authenticate-cognito', 'forward']]).toContainEqual(types);
    }
  });
});
