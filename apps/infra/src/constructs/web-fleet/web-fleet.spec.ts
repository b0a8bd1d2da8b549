import { Testing } from 'cdktf';
import { WebFleet, type WebFleetProps } from './web-fleet';
import { synthesizedResources } from '../../testing/synthesized-resources';

let lastFleet: WebFleet | undefined;

function synth(props: Partial<WebFleetProps> = {}): string {
  return Testing.synthScope((scope) => {
    lastFleet = new WebFleet(scope, 'fleet', {
      environment: 'test',
      vpcId: 'vpc-1',
      privateSubnetIds: ['subnet-a', 'subnet-b'],
      loadBalancerSecurityGroupId: 'sg-alb',
      targetGroupArn: 'arn:tg',
      instanceProfileArn: 'arn:profile',
      appPort: 3000,
      userData: '#!/bin/bash\necho hi\n',
      ...props,
    });
  });
}

/** The refresh preferences of a fleet built with `props`. */
function refreshOf(props: Partial<WebFleetProps> = {}): WebFleet['instanceRefresh'] {
  synth(props);
  return (lastFleet as WebFleet).instanceRefresh;
}

describe('WebFleet', () => {
  it('boots a concrete Amazon Linux 2023 AMI, read from the public SSM parameter at plan time', () => {
    // GIVEN
    const synthesized = synth();
    // THEN
    const parameters = Object.values(JSON.parse(synthesized).data.aws_ssm_parameter) as Array<{ name: string }>;
    expect(parameters).toEqual([{ name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' }]);
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_launch_template' },
      {
        image_id: expect.stringMatching(/^\$\{data\.aws_ssm_parameter\.[^.]+\.insecure_value\}$/),
        instance_type: 't3.small',
      },
    );
  });

  it('requires IMDSv2 with a hop limit of 1', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_launch_template' },
      {
        metadata_options: expect.objectContaining({ http_tokens: 'required', http_put_response_hop_limit: 1 }),
      },
    );
  });

  it('encrypts a gp3 root volume', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_launch_template' },
      {
        block_device_mappings: [
          expect.objectContaining({ ebs: expect.objectContaining({ encrypted: 'true', volume_type: 'gp3' }) }),
        ],
      },
    );
  });

  it('gives instances no public IP', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_launch_template' },
      {
        network_interfaces: [expect.objectContaining({ associate_public_ip_address: 'false' })],
      },
    );
  });

  it('passes the user data base64-encoded', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_launch_template' },
      { user_data: expect.stringContaining('${base64encode(') },
    );
  });

  it('admits only the load balancer on the app port', () => {
    const ingress = synthesizedResources(synth(), 'aws_vpc_security_group_ingress_rule');
    expect(ingress).toEqual([
      expect.objectContaining({ referenced_security_group_id: 'sg-alb', from_port: 3000, to_port: 3000 }),
    ]);
  });

  it('with an SSH key, admits port 22 from the admin range only', () => {
    const ingress = synthesizedResources(
      synth({ sshKeyName: 'ops', adminCidr: '203.0.113.7/32' }),
      'aws_vpc_security_group_ingress_rule',
    );
    expect(ingress).toContainEqual(expect.objectContaining({ cidr_ipv4: '203.0.113.7/32', from_port: 22 }));
  });

  it('refuses an SSH key without an admin range', () => {
    expect(() => synth({ sshKeyName: 'ops' })).toThrow('ssh key "ops" needs an adminCidr to admit, got nothing');
  });

  it('spreads 2/2/4 instances over the private subnets with ELB health checks', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_autoscaling_group' },
      {
        min_size: 2,
        desired_capacity: 2,
        max_size: 4,
        vpc_zone_identifier: ['subnet-a', 'subnet-b'],
        health_check_type: 'ELB',
        health_check_grace_period: 300,
        target_group_arns: ['arn:tg'],
      },
    );
  });

  it('creates the group on the launch template latest_version, and leaves later versions to the refresh', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_autoscaling_group' },
      {
        launch_template: expect.objectContaining({
          version: expect.stringMatching(/^\$\{aws_launch_template\.[^.]+\.latest_version\}$/),
        }),
        lifecycle: { ignore_changes: ['desired_capacity', 'launch_template'] },
      },
    );
    expect(synthesizedResources(synth(), 'aws_autoscaling_group')[0].instance_refresh).toBeUndefined();
  });

  it('refreshes to the latest version at full capacity by default, rolling back on failure', () => {
    expect(refreshOf()).toEqual({
      strategy: 'Rolling',
      desired_configuration: { launch_template: { id: expect.any(String), version: expect.any(String) } },
      preferences: {
        min_healthy_percentage: 100,
        max_healthy_percentage: 200,
        auto_rollback: true,
        skip_matching: true,
      },
    });
  });

  it('with a pinned AMI, boots it and reads no parameter', () => {
    // GIVEN
    const synthesized = synth({ imageId: 'ami-0123456789abcdef0' });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_launch_template' },
      { image_id: 'ami-0123456789abcdef0' },
    );
    expect(JSON.parse(synthesized).data).toBeUndefined();
  });

  it('with a min healthy percentage of 50, lets the group grow to 150%', () => {
    expect(refreshOf({ instanceRefreshMinHealthyPercentage: 50 }).preferences).toMatchObject({
      min_healthy_percentage: 50,
      max_healthy_percentage: 150,
    });
  });

  it.each([101, -5, 12.5])('refuses a min healthy percentage of %s, showing it', (value) => {
    expect(() => synth({ instanceRefreshMinHealthyPercentage: value })).toThrow(
      `instance refresh min healthy percentage must be a whole number from 0 to 100, got ${value}`,
    );
  });

  it('with alarms, fails and rolls back the refresh when one of them fires', () => {
    expect(refreshOf({ instanceRefreshAlarmNames: ['test-alb-5xx', 'test-target-5xx'] }).preferences).toMatchObject({
      auto_rollback: true,
      alarm_specification: { alarms: ['test-alb-5xx', 'test-target-5xx'] },
    });
  });

  it('tracks average CPU', () => {
    expect(synth({ targetCpuUtilizationPercent: 60 })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_autoscaling_policy' },
      {
        policy_type: 'TargetTrackingScaling',
        target_tracking_configuration: expect.objectContaining({
          predefined_metric_specification: { predefined_metric_type: 'ASGAverageCPUUtilization' },
          target_value: 60,
        }),
      },
    );
  });

  it('rejects a desired capacity above max and shows the sizes', () => {
    expect(() => synth({ desiredCapacity: 5 })).toThrow(
      'fleet size must satisfy min <= desired <= max, got 2 <= 5 <= 4',
    );
  });

  it("writes no rule into the load balancer's group, only into its own", () => {
    // GIVEN / WHEN
    const synthesized = synth();
    // THEN
    const rules = [
      ...synthesizedResources(synthesized, 'aws_vpc_security_group_egress_rule'),
      ...synthesizedResources(synthesized, 'aws_vpc_security_group_ingress_rule'),
    ];
    expect(rules.map((rule) => rule.security_group_id)).not.toContain('sg-alb');
    expect(rules.length).toBeGreaterThan(0);
  });
});
