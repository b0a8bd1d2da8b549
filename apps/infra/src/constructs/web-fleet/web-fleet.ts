import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Fn, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { al2023Parameter } from './ami';
import type { InstanceRefreshSpec } from '@ha-uploads/terraform-toolbox';

/** Props for {@link WebFleet}. */
export interface WebFleetProps {
  /** Environment name; prefixes generated names and tags. */
  readonly environment: string;
  readonly vpcId: string;
  /** Private subnets the instances run in, one per AZ. */
  readonly privateSubnetIds: readonly string[];
  /** The load balancer's security group: the only source admitted on the app port (the balancer opens its own side). */
  readonly loadBalancerSecurityGroupId: string;
  /** Target group the instances register with. */
  readonly targetGroupArn: string;
  /** Instance profile giving the instances their role. */
  readonly instanceProfileArn: string;
  /** Port the webapp listens on. */
  readonly appPort: number;
  /** First-boot script (plain text; encoded here). */
  readonly userData: string;
  /**
   * EC2 instance type; a Graviton type selects the arm64 AMI.
   * @default 't3.small'
   */
  readonly instanceType?: string;
  /** @default 2 */
  readonly minSize?: number;
  /** Initial capacity only: later applies leave scaling decisions alone. @default 2 */
  readonly desiredCapacity?: number;
  /** @default 4 */
  readonly maxSize?: number;
  /**
   * Seconds a new instance has to pass ELB health checks before it counts as unhealthy; boot installs Node and
   * fetches the bundle first.
   * @default 300
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * Average CPU the target-tracking policy holds the group at.
   * @default 50
   */
  readonly targetCpuUtilizationPercent?: number;
  /**
   * Size of the encrypted gp3 root volume.
   * @default 8
   */
  readonly rootVolumeSizeGiB?: number;
  /**
   * IMDSv2 response hop limit; 1 keeps containers on the host from reaching instance credentials.
   * @default 1
   */
  readonly metadataHopLimit?: number;
  /**
   * EC2 key pair for SSH; requires `adminCidr`.
   * @default - no key, no SSH (use SSM Session Manager)
   */
  readonly sshKeyName?: string;
  /**
   * The only range admitted on port 22 when `sshKeyName` is set.
   * @default - none
   */
  readonly adminCidr?: string;
  /**
   * Resources the first boot needs (NAT routes, endpoints): the group waits for them, since user data downloads
   * packages and the bundle.
   * @default - none
   */
  readonly bootstrapDependencies?: readonly ITerraformDependable[];
  /**
   * Share of the desired capacity instance refresh keeps healthy, 0 to 100; the group may grow to this plus 100
   * (at most 200%), so with 100 it launches replacements before terminating anything.
   * @default 100
   */
  readonly instanceRefreshMinHealthyPercentage?: number;
  /**
   * Alarms that fail an instance refresh when they fire, and roll it back.
   * @default - none: only failed launches stop a refresh
   */
  readonly instanceRefreshAlarmNames?: readonly string[];
  /**
   * A fixed AMI id (the offline plan passes a stand-in).
   * @default - the latest Amazon Linux 2023 for the instance type, read from its public SSM parameter at plan time, so
   * the launch template names a concrete AMI: instance refresh can roll back only to such a template
   */
  readonly imageId?: string;
}

/**
 * The web tier: a launch template and an Auto Scaling group behind the ALB. A template change rolls out through the
 * instance refresh in {@link WebFleet.instanceRefresh}, which the deploy step starts.
 */
export class WebFleet extends Construct {
  public readonly securityGroup: SecurityGroup;
  public readonly launchTemplate: LaunchTemplate;
  /** The refresh that moves the group to the template's latest version, rolling back when it fails. */
  public readonly instanceRefresh: InstanceRefreshSpec;
  public readonly autoScalingGroup: AutoscalingGroup;
  public readonly cpuScalingPolicy: AutoscalingPolicy;

  constructor(scope: Construct, id: string, props: WebFleetProps) {
    super(scope, id);
    const minSize = props.minSize ?? 2;
    const desiredCapacity = props.desiredCapacity ?? 2;
    const maxSize = props.maxSize ?? 4;
    if (!(minSize <= desiredCapacity && desiredCapacity <= maxSize)) {
      throw new RangeError(
        `fleet size must satisfy min <= desired <= max, got ${minSize} <= ${desiredCapacity} <= ${maxSize}`,
      );
    }
    if (props.sshKeyName !== undefined && props.adminCidr === undefined) {
      throw new Error(`ssh key ${JSON.stringify(props.sshKeyName)} needs an adminCidr to admit, got nothing`);
    }
    if (props.adminCidr === '0.0.0.0/0')
      throw new Error('adminCidr must not open SSH to the whole internet, got "0.0.0.0/0"');
    const minHealthyPercentage = props.instanceRefreshMinHealthyPercentage ?? 100;
    if (!Number.isInteger(minHealthyPercentage) || minHealthyPercentage < 0 || minHealthyPercentage > 100) {
      throw new RangeError(
        `instance refresh min healthy percentage must be a whole number from 0 to 100, got ${minHealthyPercentage}`,
      );
    }
    const alarmNames = props.instanceRefreshAlarmNames ?? [];
    const instanceType = props.instanceType ?? 't3.small';
    const name = `${props.environment}-web`;

    this.securityGroup = new SecurityGroup(this, 'sg', {
      namePrefix: `${name}-`,
      description: 'Web instances: app port from the load balancer only',
      vpcId: props.vpcId,
      tags: { Name: name },
      lifecycle: { createBeforeDestroy: true },
    });
    new VpcSecurityGroupIngressRule(this, 'from-alb', {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: props.loadBalancerSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: props.appPort,
      toPort: props.appPort,
      description: 'app port from the load balancer',
    });
    // HTTPS out: package repositories, SSM, and S3/DynamoDB (through the gateway endpoints).
    new VpcSecurityGroupEgressRule(this, 'https-out', {
      securityGroupId: this.securityGroup.id,
      cidrIpv4: '0.0.0.0/0',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'HTTPS to AWS APIs and package repositories',
    });
    if (props.sshKeyName !== undefined && props.adminCidr !== undefined) {
      new VpcSecurityGroupIngressRule(this, 'ssh-from-admin', {
        securityGroupId: this.securityGroup.id,
        cidrIpv4: props.adminCidr,
        ipProtocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        description: 'SSH from the admin range',
      });
    }

    const tags = { Name: name, Environment: props.environment };
    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      namePrefix: `${name}-`,
      description: 'ha-uploads web instance',
      // insecure_value: the AMI id is public, and `value` would hide it as sensitive in every plan.
      imageId:
        props.imageId ?? new DataAwsSsmParameter(this, 'ami', { name: al2023Parameter(instanceType) }).insecureValue,
      instanceType,
      keyName: props.sshKeyName,
      iamInstanceProfile: { arn: props.instanceProfileArn },
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: props.metadataHopLimit ?? 1,
        instanceMetadataTags: 'disabled',
      },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: props.rootVolumeSizeGiB ?? 8,
            volumeType: 'gp3',
            encrypted: 'true',
            deleteOnTermination: 'true',
          },
        },
      ],
      networkInterfaces: [
        { associatePublicIpAddress: 'false', deleteOnTermination: 'true', securityGroups: [this.securityGroup.id] },
      ],
      userData: Fn.base64encode(props.userData),
      updateDefaultVersion: true,
      tagSpecifications: [
        { resourceType: 'instance', tags },
        { resourceType: 'volume', tags },
      ],
    });

    this.autoScalingGroup = new AutoscalingGroup(this, 'asg', {
      namePrefix: `${name}-`,
      vpcZoneIdentifier: [...props.privateSubnetIds],
      targetGroupArns: [props.targetGroupArn],
      minSize,
      maxSize,
      desiredCapacity,
      healthCheckType: 'ELB',
      healthCheckGracePeriod: props.healthCheckGracePeriodSeconds ?? 300,
      // A numbered version (not $Latest): a rollback can only return to one. Created with it; later versions reach the
      // group through the deploy's refresh, never through terraform, which would set the new version before the
      // refresh starts (AWS provider 5.x), so a rollback would keep it.
      launchTemplate: { id: this.launchTemplate.id, version: `${this.launchTemplate.latestVersion}` },
      tag: [{ key: 'Name', value: name, propagateAtLaunch: true }],
      // Target tracking owns the desired capacity once the group exists; the refresh owns the launch template version.
      lifecycle: { ignoreChanges: ['desired_capacity', 'launch_template'] },
      dependsOn: props.bootstrapDependencies ? [...props.bootstrapDependencies] : undefined,
    });

    this.instanceRefresh = {
      strategy: 'Rolling',
      // tostring(), not a template string: inside the output's jsonencode() a template would stay literal text.
      desired_configuration: {
        launch_template: { id: this.launchTemplate.id, version: Fn.tostring(this.launchTemplate.latestVersion) },
      },
      preferences: {
        min_healthy_percentage: minHealthyPercentage,
        // AWS allows at most 100 points between the two.
        max_healthy_percentage: Math.min(200, minHealthyPercentage + 100),
        auto_rollback: true,
        skip_matching: true,
        ...(alarmNames.length > 0 ? { alarm_specification: { alarms: [...alarmNames] } } : {}),
      },
    };

    this.cpuScalingPolicy = new AutoscalingPolicy(this, 'cpu-target', {
      name: 'cpu-target-tracking',
      autoscalingGroupName: this.autoScalingGroup.name,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' },
        targetValue: props.targetCpuUtilizationPercent ?? 50,
      },
    });
  }
}
