import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { type DeploymentConfig, webappEnvironment } from '@ha-uploads/config';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Artifacts } from '../constructs/artifacts/artifacts';
import { FileStorage } from '../constructs/file-storage/file-storage';
import { InstanceRole } from '../constructs/iam/instance-role';
import { LoadBalancer } from '../constructs/load-balancer/load-balancer';
import { Network } from '../constructs/network/network';
import { renderUserData } from '../constructs/web-fleet/user-data';
import { WebFleet } from '../constructs/web-fleet/web-fleet';
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

/** The whole upload service in one region: network, ALB, web fleet, storage, IAM. */
export class UploadsStack extends TerraformStack {
  public readonly network: Network;
  public readonly storage: FileStorage;
  public readonly artifacts: Artifacts;
  public readonly loadBalancer: LoadBalancer;
  public readonly instanceRole: InstanceRole;
  public readonly fleet: WebFleet;

  constructor(scope: Construct, id: string, props: UploadsStackProps) {
    super(scope, id);
    const { config } = props;

    new AwsProvider(this, 'aws', {
      region: config.region,
      defaultTags: [{ tags: { Project: 'ha-uploads', Environment: config.environment, ManagedBy: 'cdktf', ...config.tags } }],
      ...(props.offline
        ? { skipCredentialsValidation: true, skipRequestingAccountId: true, skipMetadataApiCheck: 'true', skipRegionValidation: true }
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
      deletionProtection: config.deletionProtection,
    });
    this.artifacts = new Artifacts(this, 'artifacts', { environment: config.environment, bundleDir: props.webappBundleDir });
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
    });
    this.instanceRole = new InstanceRole(this, 'iam', {
      environment: config.environment,
      filesBucketArn: this.storage.files.bucket.arn,
      filesTableArn: this.storage.table.arn,
      filesTableIndexArns: [this.storage.staleIndexArn],
      bundlesArn: this.artifacts.bundlesArn,
    });
    const userData = renderUserData({
      // systemd waits past the app's own shutdown deadline (deregistration delay - 5 s) before it kills it.
      stopTimeoutSeconds: config.deregistrationDelaySeconds + 10,
      nodeMajorVersion: config.nodeMajorVersion,
      bundleBucket: this.artifacts.bucket.bucket.id,
      bundleKey: this.artifacts.bundleKey,
      region: config.region,
      environment: webappEnvironment({
        port: config.appPort,
        filesBucket: this.storage.files.bucket.id,
        filesTable: this.storage.table.name,
        awsRegion: config.region,
        maxUploadBytes: config.maxUploadBytes,
        loadBalancerIdleTimeoutSeconds: config.idleTimeoutSeconds,
        deregistrationDelaySeconds: config.deregistrationDelaySeconds,
      }),
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
      bootstrapDependencies: [...this.network.egressDependencies],
    });

    new TerraformOutput(this, 'url', { value: this.loadBalancer.url, description: 'URL of the upload service' });
    new TerraformOutput(this, 'bucket', { value: this.storage.files.bucket.id, description: 'S3 bucket holding the files' });
    new TerraformOutput(this, 'table', { value: this.storage.table.name, description: 'DynamoDB table holding the catalog' });
  }
}
