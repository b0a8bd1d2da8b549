import { ConfigError, type DeploymentConfig, TARGET_HEALTH_CHECK, appMetricsEnvironment } from '@ha-uploads/config';
import { Testing } from 'cdktf';
import { loadEnvironmentConfig } from '../config/environment-file';
import { FIXTURE_BUNDLE_DIR, testDeploymentConfig } from '@ha-uploads/terraform-toolbox/testing';
import { UploadsStack, type UploadsStackProps } from './uploads-stack';

function synth(config: DeploymentConfig, props: Partial<UploadsStackProps> = {}): string {
  const stack = new UploadsStack(Testing.app(), 'uploads', {
    config,
    webappBundleDir: FIXTURE_BUNDLE_DIR,
    localStateFile: 'terraform.uploads.tfstate',
    ...props,
  });
  return Testing.synth(stack);
}

function parsed(synthesized: string) {
  return JSON.parse(synthesized) as {
    provider: { aws: Array<Record<string, unknown>> };
    output: Record<string, { value: string }>;
    terraform: Record<string, unknown>;
    resource: Record<string, Record<string, Record<string, unknown>>>;
  };
}

function targetGroup(synthesized: string): Record<string, unknown> {
  return Object.values(parsed(synthesized).resource.aws_lb_target_group)[0];
}

describe('UploadsStack', () => {
  it('synthesizes the dev environment unchanged', () => {
    expect(synth(loadEnvironmentConfig('dev'))).toMatchSnapshot();
  });

  it('configures the provider region and default tags', () => {
    expect(synth(testDeploymentConfig({ tags: { Team: 'files' } }))).toHaveProviderWithProperties(
      { tfResourceType: 'aws' },
      {
        region: 'us-east-1',
        default_tags: [{ tags: { Project: 'ha-uploads', Environment: 'test', ManagedBy: 'cdktf', Team: 'files' } }],
      },
    );
  });

  it('leaves the provider checks on outside the offline rehearsal', () => {
    const [provider] = parsed(synth(testDeploymentConfig())).provider.aws;
    expect(provider).not.toHaveProperty('skip_credentials_validation');
    expect(provider).not.toHaveProperty('skip_metadata_api_check');
  });

  it('offline, skips every provider check that needs AWS and drops the backend', () => {
    const synthesized = parsed(synth(testDeploymentConfig(), { offline: true }));
    expect(synthesized.provider.aws[0]).toMatchObject({
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
      skip_region_validation: true,
    });
    expect(synthesized.terraform).not.toHaveProperty('backend');
  });

  it("reads only the AMI's public SSM parameter, and the offline variant nothing, so the offline plan calls no AWS API", () => {
    expect(Object.keys((parsed(synth(testDeploymentConfig())) as { data?: object }).data ?? {})).toEqual([
      'aws_ssm_parameter',
    ]);
    expect(parsed(synth(testDeploymentConfig(), { offline: true }))).not.toHaveProperty('data');
  });

  it('offline, names a stand-in AMI id where the parameter would be read', () => {
    const [template] = Object.values(
      parsed(synth(testDeploymentConfig(), { offline: true })).resource.aws_launch_template,
    );
    expect(template.image_id).toBe('ami-00000000000000000');
  });

  it('outputs the http URL, the bucket, the table and what operations need', () => {
    const { output } = parsed(synth(testDeploymentConfig()));
    expect(Object.keys(output).sort()).toEqual([
      'alarmTopic',
      'autoScalingGroup',
      'bucket',
      'dashboardUrl',
      'instanceRefresh',
      'launchTemplateVersion',
      'logGroup',
      'table',
      'url',
    ]);
    expect(output.url.value).toMatch(/^http:\/\/\$\{aws_lb\./);
  });

  it('outputs an https URL with a certificate', () => {
    const { output } = parsed(
      synth(testDeploymentConfig({ certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' })),
    );
    expect(output.url.value).toMatch(/^https:\/\//);
  });

  it('has sticky sessions off by default', () => {
    expect(targetGroup(synth(testDeploymentConfig()))).toMatchObject({
      stickiness: { enabled: false, type: 'lb_cookie' },
    });
  });

  it('turns sticky sessions on from STICKY_SESSIONS and STICKY_DURATION_SECONDS', () => {
    const config = loadEnvironmentConfig('dev', { STICKY_SESSIONS: 'true', STICKY_DURATION_SECONDS: '120' });
    expect(targetGroup(synth(config))).toMatchObject({
      stickiness: { enabled: true, type: 'lb_cookie', cookie_duration: 120 },
    });
  });

  it('passes the bucket and table names to the instances through user data', () => {
    const [template] = Object.values(parsed(synth(testDeploymentConfig())).resource.aws_launch_template);
    expect(template.user_data).toContain('Environment=FILES_BUCKET=${aws_s3_bucket.storage_files_bucket_');
    expect(template.user_data).toContain('Environment=FILES_TABLE=${aws_dynamodb_table.storage_table_');
  });

  it('gives the instances a keep-alive timeout above the load balancer idle timeout', () => {
    // GIVEN
    const synthesized = parsed(synth(testDeploymentConfig({ idleTimeoutSeconds: 120 })));
    // WHEN
    const [alb] = Object.values(synthesized.resource.aws_lb);
    const [template] = Object.values(synthesized.resource.aws_launch_template);
    const keepAliveMs = Number(/Environment=KEEP_ALIVE_TIMEOUT_MS=(\d+)/.exec(template.user_data as string)?.[1]);
    // THEN
    expect(alb.idle_timeout).toBe(120);
    expect(keepAliveMs).toBeGreaterThan(120 * 1000);
  });

  it('ends the instances graceful shutdown inside the deregistration delay, and lets systemd wait past it', () => {
    // GIVEN a 60 s deregistration delay
    const synthesized = parsed(synth(testDeploymentConfig({ deregistrationDelaySeconds: 60 })));
    // WHEN
    const [group] = Object.values(synthesized.resource.aws_lb_target_group);
    const [template] = Object.values(synthesized.resource.aws_launch_template);
    const userData = template.user_data as string;
    // THEN
    expect(group.deregistration_delay).toBe('60');
    expect(userData).toContain('Environment=SHUTDOWN_TIMEOUT_MS=55000');
    expect(userData).toContain('TimeoutStopSec=70');
  });

  it('waits 300 seconds by default before health checks can replace a booting instance', () => {
    expect(synth(testDeploymentConfig())).toHaveResourceWithProperties(
      { tfResourceType: 'aws_autoscaling_group' },
      { health_check_grace_period: 300 },
    );
  });

  it('rejects an invalid config before any resource is built, naming the field', () => {
    expect(() => testDeploymentConfig({ availabilityZones: ['us-east-1a'] })).toThrow(ConfigError);
    expect(() => testDeploymentConfig({ availabilityZones: ['us-east-1a'] })).toThrow(
      'availabilityZones: must list at least 2 availability zones',
    );
  });

  it('rejects a stickiness duration that bypassed config validation, showing the value', () => {
    const config = { ...testDeploymentConfig(), stickySessions: true, stickyDurationSeconds: 0 };
    expect(() => synth(config)).toThrow('stickiness duration must be between 1 and 604800 seconds, got 0');
  });

  it('runs the webapp with the EMF environment pointing at the stack log group', () => {
    const [template] = Object.values(parsed(synth(testDeploymentConfig())).resource.aws_launch_template);
    for (const [name, value] of Object.entries(appMetricsEnvironment('/ha-uploads/test/app'))) {
      expect(template.user_data).toContain(`Environment=${name}=${value}`);
    }
  });

  it('ships the service output to the log group through the CloudWatch agent', () => {
    const synthesized = parsed(synth(testDeploymentConfig()));
    const [template] = Object.values(synthesized.resource.aws_launch_template);
    const [group] = Object.values(synthesized.resource.aws_cloudwatch_log_group);
    expect(template.user_data).toContain('dnf install -y amazon-cloudwatch-agent');
    expect(template.user_data).toContain('StandardOutput=append:/var/log/ha-uploads/app.log');
    expect(group).toMatchObject({ name: '/ha-uploads/test/app', retention_in_days: 30 });
  });

  it('keeps the logs as long as the environment file says', () => {
    expect(synth(testDeploymentConfig({ logRetentionDays: 90 }))).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cloudwatch_log_group' },
      { retention_in_days: 90 },
    );
  });

  it('outputs the refresh a deploy starts: 100% healthy, failing on the alarms and rolling back, at the configured percentage', () => {
    const refreshOf = (synthesized: string) => parsed(synthesized).output.instanceRefresh.value;
    expect(refreshOf(synth(testDeploymentConfig()))).toContain(
      '"preferences" = {"min_healthy_percentage" = 100, "max_healthy_percentage" = 200, "auto_rollback" = true',
    );
    expect(refreshOf(synth(testDeploymentConfig()))).toMatch(
      /"alarm_specification" = \{"alarms" = \[aws_cloudwatch_metric_alarm\./,
    );
    expect(refreshOf(synth(testDeploymentConfig()))).toMatch(
      /"version" = tostring\(aws_launch_template\.[^.]+\.latest_version\)/,
    );
    expect(refreshOf(synth(testDeploymentConfig({ instanceRefreshMinHealthyPercentage: 90 })))).toContain(
      '"min_healthy_percentage" = 90, "max_healthy_percentage" = 190',
    );
  });

  it('with a pinned AMI from the environment file, boots it', () => {
    const synthesized = parsed(synth(testDeploymentConfig({ amiId: 'ami-0123456789abcdef0' })));
    const [template] = Object.values(synthesized.resource.aws_launch_template);
    expect(template.image_id).toBe('ami-0123456789abcdef0');
  });

  it.each(['dev', 'prod'])('rolls a failed refresh of the shipped %s environment back automatically', (environment) => {
    const { output } = parsed(synth(loadEnvironmentConfig(environment)));
    expect(output.instanceRefresh.value).toContain('"auto_rollback" = true');
  });

  it('with an alarm email, subscribes it to the alarm topic', () => {
    expect(synth(testDeploymentConfig({ alarmEmail: 'ops@example.com' }))).toHaveResourceWithProperties(
      { tfResourceType: 'aws_sns_topic_subscription' },
      {
        protocol: 'email',
        endpoint: 'ops@example.com',
      },
    );
  });

  it('creates the operations dashboard over this stack load balancer and table', () => {
    const [dashboard] = Object.values(parsed(synth(testDeploymentConfig())).resource.aws_cloudwatch_dashboard);
    expect(dashboard.dashboard_body).toContain('${aws_lb.load-balancer_alb_');
    expect(dashboard.dashboard_body).toContain('${aws_dynamodb_table.storage_table_');
  });

  it('checks targets with the shared health-check timing from libs/config', () => {
    expect(targetGroup(synth(testDeploymentConfig()))).toMatchObject({
      health_check: expect.objectContaining({
        interval: TARGET_HEALTH_CHECK.intervalSeconds,
        unhealthy_threshold: TARGET_HEALTH_CHECK.unhealthyThreshold,
      }),
      load_balancing_anomaly_mitigation: 'on',
    });
  });
});
