import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  type DeploymentConfig,
  accessControlEnvironment,
  appMetricsEnvironment,
  directTransferEnvironment,
  malwareScanEnvironment,
  webappEnvironment,
} from '@ha-uploads/config';
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { FleetAlarms } from '../constructs/alarms/fleet-alarms';
import { Artifacts } from '../constructs/artifacts/artifacts';
import type { AlbSignIn } from '../constructs/authentication/alb-sign-in';
import { CognitoSignIn } from '../constructs/authentication/cognito-sign-in';
import { signInFor } from '../constructs/authentication/sign-in-for';
import { FilesBucketCors } from '../constructs/direct-transfer/files-bucket-cors';
import { OperationsDashboard } from '../constructs/dashboard/operations-dashboard';
import { FileStorage } from '../constructs/file-storage/file-storage';
import { Firewall } from '../constructs/firewall/firewall';
import { InstanceRole } from '../constructs/iam/instance-role';
import { LimitsTable } from '../constructs/limits-table/limits-table';
import { LoadBalancer } from '../constructs/load-balancer/load-balancer';
import { AppLogging } from '../constructs/logging/app-logging';
import { MalwareScan } from '../constructs/malware-scan/malware-scan';
import { appLogUnitLines, cloudWatchAgentSetup } from '../constructs/logging/cloudwatch-agent';
import { Network } from '../constructs/network/network';
import { renderUserData } from '../constructs/web-fleet/user-data';
import { WebFleet } from '../constructs/web-fleet/web-fleet';
import { OFFLINE_IMAGE_ID } from '../constructs/web-fleet/ami';
import { publicOrigin } from './public-origin';
import { configureStateBackend } from './state-backend';

/** Props for {@link UploadsStack}. */
export interface UploadsStackProps {
  /** The validated deployment config of one environment. */
  readonly config: DeploymentConfig;
  /** Directory of the built webapp, shipped as an asset. */
  readonly webappBundleDir: string;
  /**
   * Offline rehearsal: the provider skips every call that needs real credentials or the metadata service,
   * and the configuration has no backend. Never set for a real deploy.
   * @default false
   */
  readonly offline?: boolean;
  /**
   * Path of the local state file, when the config names no `stateBucket`.
   * @default - cdktf's default, terraform.<stack>.tfstate in the directory synth ran from
   */
  readonly localStateFile?: string;
}

/** The whole upload service in one region: network, ALB, web fleet, storage, IAM, logs, alarms and a dashboard. */
export class UploadsStack extends TerraformStack {
  public readonly network: Network;
  public readonly storage: FileStorage;
  public readonly artifacts: Artifacts;
  public readonly loadBalancer: LoadBalancer;
  public readonly instanceRole: InstanceRole;
  public readonly fleet: WebFleet;
  public readonly limits: LimitsTable;
  public readonly filesCors: FilesBucketCors;
  /** The app's public origin (see {@link publicOrigin}). */
  public readonly publicOrigin: string;
  /** Present only with `auth`. */
  public readonly signIn?: AlbSignIn;
  /** Present only with `waf`. */
  public readonly firewall?: Firewall;
  public readonly logging: AppLogging;
  public readonly alarms: FleetAlarms;
  public readonly dashboard: OperationsDashboard;
  /** Present only with `malwareScan`. */
  public readonly malwareScan?: MalwareScan;

  constructor(scope: Construct, id: string, props: UploadsStackProps) {
    super(scope, id);
    const { config } = props;

    new AwsProvider(this, 'aws', {
      region: config.region,
      defaultTags: [
        { tags: { Project: 'ha-uploads', Environment: config.environment, ManagedBy: 'cdktf', ...config.tags } },
      ],
      ...(props.offline
        ? {
            skipCredentialsValidation: true,
            skipRequestingAccountId: true,
            skipMetadataApiCheck: 'true',
            skipRegionValidation: true,
          }
        : {}),
    });
    configureStateBackend(this, config, { offline: props.offline, localStateFile: props.localStateFile });

    this.network = new Network(this, 'network', {
      name: config.environment,
      region: config.region,
      availabilityZones: config.availabilityZones,
      vpcCidr: config.vpcCidr,
      natGateways: config.natGateways,
    });
    this.storage = new FileStorage(this, 'storage', {
      environment: config.environment,
      versioning: config.bucketVersioning,
      noncurrentVersionRetentionDays: config.noncurrentVersionRetentionDays,
      deletionProtection: config.deletionProtection,
    });
    this.limits = new LimitsTable(this, 'limits', {
      environment: config.environment,
      deletionProtection: config.deletionProtection,
    });
    this.signIn = signInFor(this, 'sign-in', config, props.offline ?? false);
    this.artifacts = new Artifacts(this, 'artifacts', {
      environment: config.environment,
      bundleDir: props.webappBundleDir,
    });
    this.loadBalancer = new LoadBalancer(this, 'load-balancer', {
      environment: config.environment,
      region: config.region,
      vpcId: this.network.vpc.id,
      publicSubnetIds: this.network.publicSubnets.map((s) => s.id),
      targetPort: config.appPort,
      allowedCidrs: config.allowedCidrs,
      certificateArn: config.certificateArn,
      deletionProtection: config.deletionProtection,
      idleTimeoutSeconds: config.idleTimeoutSeconds,
      accessLogs: config.accessLogs,
      deregistrationDelaySeconds: config.deregistrationDelaySeconds,
      stickySessions: config.stickySessions,
      stickyDurationSeconds: config.stickyDurationSeconds,
      signInAction: this.signIn?.listenerAction,
    });
    if (config.waf) {
      this.firewall = new Firewall(this, 'firewall', {
        environment: config.environment,
        loadBalancerArn: this.loadBalancer.alb.arn,
        rateLimitPer5Minutes: config.wafRateLimitPer5Minutes,
        signInCookies: this.signIn !== undefined,
      });
    }
    this.publicOrigin = publicOrigin({
      domainName: config.domainName,
      https: config.certificateArn !== undefined,
      loadBalancerUrl: this.loadBalancer.url,
    });
    this.filesCors = new FilesBucketCors(this, 'files-cors', {
      bucket: this.storage.files.bucket.id,
      allowedOrigin: this.publicOrigin,
    });
    this.instanceRole = new InstanceRole(this, 'iam', {
      environment: config.environment,
      filesBucketArn: this.storage.files.bucket.arn,
      filesTableArn: this.storage.table.arn,
      filesTableIndexArns: [this.storage.staleIndexArn],
      bundlesArn: this.artifacts.bundlesArn,
      limitsTableArn: this.limits.table.arn,
    });
    this.logging = new AppLogging(this, 'logging', {
      environment: config.environment,
      instanceRoleId: this.instanceRole.role.id,
      retentionDays: config.logRetentionDays,
    });
    this.alarms = new FleetAlarms(this, 'alarms', {
      environment: config.environment,
      loadBalancerArnSuffix: this.loadBalancer.alb.arnSuffix,
      targetGroupArnSuffix: this.loadBalancer.targetGroup.arnSuffix,
      healthCheckGracePeriodSeconds: config.healthCheckGracePeriodSeconds,
      alarmEmail: config.alarmEmail,
    });
    if (config.malwareScan) {
      this.malwareScan = new MalwareScan(this, 'malware-scan', {
        environment: config.environment,
        region: config.region,
        files: this.storage.files,
        appRoleArn: this.instanceRole.role.arn,
        appRoleId: this.instanceRole.role.id,
        unscannable: config.scanUnscannable,
        alarmTopicArn: this.alarms.topic.arn,
      });
    }
    const scan = this.malwareScan;
    const userData = renderUserData({
      // systemd waits past the app's own shutdown deadline (deregistration delay - 5 s) before it kills it.
      stopTimeoutSeconds: config.deregistrationDelaySeconds + 10,
      nodeMajorVersion: config.nodeMajorVersion,
      bundleBucket: this.artifacts.bucket.bucket.id,
      bundleKey: this.artifacts.bundleKey,
      region: config.region,
      environment: {
        ...webappEnvironment({
          port: config.appPort,
          filesBucket: this.storage.files.bucket.id,
          filesTable: this.storage.table.name,
          awsRegion: config.region,
          maxUploadBytes: config.maxUploadBytes,
          loadBalancerIdleTimeoutSeconds: config.idleTimeoutSeconds,
          deregistrationDelaySeconds: config.deregistrationDelaySeconds,
        }),
        ...accessControlEnvironment({
          limitsTable: this.limits.table.name,
          albIdentity: this.signIn && {
            loadBalancerArn: this.loadBalancer.alb.arn,
            issuer: this.signIn.issuer,
            adminClaim: this.signIn.adminClaim,
            adminGroup: this.signIn.adminGroup,
            signOutUrl: this.signIn.signOutUrl,
            clientId: this.signIn.clientId,
          },
        }),
        ...directTransferEnvironment({
          maxDirectUploadBytes: config.maxDirectUploadBytes,
          directUploadMinBytes: config.directUploadMinBytes,
          directDownloadMinBytes: config.directDownloadMinBytes,
          publicOrigin: this.publicOrigin,
        }),
        ...malwareScanEnvironment(scan && { queueUrl: scan.queue.url, unscannable: scan.unscannable }),
        // aws-embedded-metrics sends to the agent's EMF listener, which writes into the app log group.
        ...appMetricsEnvironment(this.logging.logGroupName),
      },
      setupLines: cloudWatchAgentSetup({ logGroupName: this.logging.logGroupName }),
      unitLines: appLogUnitLines(),
    });
    this.fleet = new WebFleet(this, 'fleet', {
      environment: config.environment,
      vpcId: this.network.vpc.id,
      privateSubnetIds: this.network.privateSubnets.map((s) => s.id),
      loadBalancerSecurityGroupId: this.loadBalancer.securityGroup.id,
      targetGroupArn: this.loadBalancer.targetGroup.arn,
      instanceProfileArn: this.instanceRole.instanceProfile.arn,
      appPort: config.appPort,
      userData,
      instanceType: config.instanceType,
      minSize: config.minSize,
      desiredCapacity: config.desiredCapacity,
      maxSize: config.maxSize,
      healthCheckGracePeriodSeconds: config.healthCheckGracePeriodSeconds,
      targetCpuUtilizationPercent: config.targetCpuUtilizationPercent,
      sshKeyName: config.sshKeyName,
      adminCidr: config.adminCidr,
      // The agent starts at boot: its log group and write permission must exist by then.
      bootstrapDependencies: [...this.network.egressDependencies, this.logging.logGroup, this.logging.writePolicy],
      instanceRefreshMinHealthyPercentage: config.instanceRefreshMinHealthyPercentage,
      instanceRefreshAlarmNames: this.alarms.instanceRefreshAlarmNames,
      imageId: config.amiId ?? (props.offline ? OFFLINE_IMAGE_ID : undefined),
    });
    // The balancer opens its own group to the fleet, which admits it in its own.
    const toFleet = this.loadBalancer.allowTo(
      { id: 'to-fleet', securityGroupId: this.fleet.securityGroup.id },
      config.appPort,
      'load balancer to the web instances',
    );
    // The rule was fleet/alb-to-instances: moving it keeps the deployed rule instead of replacing it.
    toFleet.moveFromId('aws_vpc_security_group_egress_rule.fleet_alb-to-instances_169A0EF8');
    this.dashboard = new OperationsDashboard(this, 'dashboard', {
      environment: config.environment,
      region: config.region,
      loadBalancer: this.loadBalancer.alb.arnSuffix,
      targetGroup: this.loadBalancer.targetGroup.arnSuffix,
      tableName: this.storage.table.name,
      alarmArns: [...this.alarms.alarms, ...(scan?.alarms ?? [])].map((alarm) => alarm.arn),
    });

    new TerraformOutput(this, 'url', { value: this.loadBalancer.url, description: 'URL of the upload service' });
    new TerraformOutput(this, 'bucket', {
      value: this.storage.files.bucket.id,
      description: 'S3 bucket holding the files',
    });
    new TerraformOutput(this, 'table', {
      value: this.storage.table.name,
      description: 'DynamoDB table holding the catalog',
    });
    if (this.signIn instanceof CognitoSignIn) {
      new TerraformOutput(this, 'user_pool', {
        value: this.signIn.userPool.id,
        description: 'Cognito user pool to create users and admins in',
      });
    }
    new TerraformOutput(this, 'autoScalingGroup', {
      value: this.fleet.autoScalingGroup.name,
      description: 'Auto Scaling group whose instance refresh a deploy waits for',
    });
    // JSON text, not an object: cdktf checks an object output with util.isArray, which Node 22+ warns about on every
    // synth.
    new TerraformOutput(this, 'instanceRefresh', {
      value: Fn.jsonencode(this.fleet.instanceRefresh),
      description: 'The instance refresh a deploy starts (StartInstanceRefresh, as JSON), with auto rollback',
    });
    new TerraformOutput(this, 'launchTemplateVersion', {
      value: this.fleet.launchTemplate.latestVersion,
      description: 'Launch template version the fleet must run once the deploy is done',
    });
    new TerraformOutput(this, 'dashboardUrl', {
      value: this.dashboard.url,
      description: 'CloudWatch dashboard of the fleet',
    });
    new TerraformOutput(this, 'logGroup', {
      value: this.logging.logGroupName,
      description: 'CloudWatch Logs group of the instances: service output and app metrics',
    });
    new TerraformOutput(this, 'alarmTopic', {
      value: this.alarms.topic.arn,
      description: 'SNS topic the alarms notify',
    });
  }
}
