import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { type PolicyStatement, policyDocument } from './policy-document';

/** Server-side encryption of a bucket: S3-managed keys, or the account's AWS-managed KMS key for S3. */
export type BucketEncryption = 'AES256' | 'aws:kms';

/** Props for {@link SecureBucket}. */
export interface SecureBucketProps {
  /** Prefix of the generated, globally unique bucket name (at most 37 characters). Ignored when `bucketName` is set. */
  readonly bucketPrefix?: string;
  /**
   * Exact bucket name, for a bucket others must find by name (the state bucket).
   * @default - a unique name generated from `bucketPrefix`
   */
  readonly bucketName?: string;
  /**
   * Server-side encryption.
   * @default 'AES256' - S3-managed keys (the only option ALB access logs accept)
   */
  readonly encryption?: BucketEncryption;
  /**
   * Keep every version of every object.
   * @default false - overwritten and deleted objects are gone
   */
  readonly versioning?: boolean;
  /**
   * Let `terraform destroy` delete a bucket that still holds objects.
   * @default false - destroy fails until the bucket is emptied
   */
  readonly forceDestroy?: boolean;
}

/** An S3 bucket that is private, encrypted, ACL-free and reachable only over TLS. */
export class SecureBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  public readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  public readonly policy: S3BucketPolicy;
  /** Present only when versioning is on. */
  public readonly versioning?: S3BucketVersioningA;
  private readonly statements: PolicyStatement[];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    if (!props.bucketName && !props.bucketPrefix)
      throw new RangeError(`a bucket needs a bucketName or a bucketPrefix, got neither`);
    if (props.bucketPrefix && props.bucketPrefix.length > 37) {
      throw new RangeError(`bucket prefix must be at most 37 characters, got ${JSON.stringify(props.bucketPrefix)}`);
    }
    const algorithm = props.encryption ?? 'AES256';
    const name = props.bucketName ? { bucket: props.bucketName } : { bucketPrefix: props.bucketPrefix };
    this.bucket = new S3Bucket(this, 'bucket', { ...name, forceDestroy: props.forceDestroy ?? false });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm },
          // A bucket key cuts KMS request costs; meaningless for AES256.
          bucketKeyEnabled: algorithm === 'aws:kms',
        },
      ],
    });
    if (props.versioning) {
      this.versioning = new S3BucketVersioningA(this, 'versioning', {
        bucket: this.bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      });
    }
    this.statements = [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ];
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      // Lazy, so statements that need the bucket's own ARN can be added after construction.
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
      // Putting a policy while the public access block is being written fails with a conflict.
      dependsOn: [this.publicAccessBlock],
    });
  }

  /** Adds a statement to the bucket policy (a bucket has exactly one), after the TLS-only deny. */
  public addToPolicy(statement: PolicyStatement): void {
    this.statements.push(statement);
  }
}
