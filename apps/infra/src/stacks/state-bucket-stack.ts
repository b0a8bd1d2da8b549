import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { DeploymentConfig } from '@ha-uploads/config';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { SecureBucket } from '../constructs/secure-bucket/secure-bucket';
import { stateBucketStackName } from './stack-names';

/** Props for {@link StateBucketStack}. */
export interface StateBucketStackProps {
  /** The environment whose `stateBucket` this creates; must name one. */
  readonly config: DeploymentConfig;
}

export { stateBucketStackName };

/**
 * The bucket terraform keeps an environment's state in: versioned (every state ever written can be restored),
 * KMS-encrypted, private, TLS only, and protected from `terraform destroy`. Its own state stays local: it is made
 * once and rarely changes.
 */
export class StateBucketStack extends TerraformStack {
  public readonly state: SecureBucket;

  constructor(scope: Construct, id: string, props: StateBucketStackProps) {
    super(scope, id);
    const { config } = props;
    if (!config.stateBucket)
      throw new Error(`state bucket stack needs a stateBucket, got ${JSON.stringify(config.stateBucket)}`);
    new AwsProvider(this, 'aws', {
      region: config.region,
      defaultTags: [
        { tags: { Project: 'ha-uploads', Environment: config.environment, ManagedBy: 'cdktf', ...config.tags } },
      ],
    });
    this.state = new SecureBucket(this, 'state', {
      bucketName: config.stateBucket,
      encryption: 'aws:kms',
      versioning: true,
    });
    this.state.bucket.addOverride('lifecycle.prevent_destroy', true);
    new TerraformOutput(this, 'state-bucket', {
      value: this.state.bucket.id,
      description: 'S3 bucket holding the terraform state',
    });
  }
}
