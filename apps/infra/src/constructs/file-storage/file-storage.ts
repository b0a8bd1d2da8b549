import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { Construct } from 'constructs';
import { tableShape } from '../table-shape/table-shape';
import { UniqueSuffix } from '../naming/unique-suffix';
import { type BucketEncryption, SecureBucket } from '../secure-bucket/secure-bucket';
import { FILES_TABLE_DEFINITION, FILES_TABLE_SCHEMA, INCOMPLETE_MULTIPART_UPLOAD_DAYS } from '@ha-uploads/config';

/** Props for {@link FileStorage}. */
export interface FileStorageProps {
  /** Environment name; prefixes the bucket and table names. */
  readonly environment: string;
  /**
   * Keep previous versions of overwritten or deleted objects.
   * @default true
   */
  readonly versioning?: boolean;
  /**
   * Days a noncurrent object version (an overwritten or deleted body) is kept for an operator to restore
   * (only with versioning).
   * @default 7 - a week for an operator to notice a loss and restore the body (docs/deploy.md, "Recovering data")
   */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * Server-side encryption of the bucket.
   * @default 'AES256'
   */
  readonly encryption?: BucketEncryption;
  /**
   * Refuse deletion of the table.
   * @default false
   */
  readonly deletionProtection?: boolean;
}

/** Where the files live: the bodies in S3, the catalog in DynamoDB. */
export class FileStorage extends Construct {
  public readonly files: SecureBucket;
  public readonly lifecycle: S3BucketLifecycleConfiguration;
  public readonly table: DynamodbTable;
  /** ARN of the sweeper's sparse index, for IAM. */
  public readonly staleIndexArn: string;

  constructor(scope: Construct, id: string, props: FileStorageProps) {
    super(scope, id);
    const versioning = props.versioning ?? true;
    const retentionDays = props.noncurrentVersionRetentionDays ?? 7;
    if (!Number.isInteger(retentionDays) || retentionDays < 1) {
      throw new RangeError(`noncurrent version retention must be a whole number of days >= 1, got ${retentionDays}`);
    }

    this.files = new SecureBucket(this, 'files', {
      bucketPrefix: `${props.environment}-files-`,
      encryption: props.encryption,
      versioning,
    });
    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.files.bucket.id,
      rule: [
        {
          id: 'abort-incomplete-multipart-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          // A crashed instance leaves parts behind that are billed but invisible.
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: INCOMPLETE_MULTIPART_UPLOAD_DAYS }],
        },
        ...(versioning
          ? [
              {
                id: 'expire-noncurrent-versions',
                status: 'Enabled',
                filter: [{ prefix: '' }],
                noncurrentVersionExpiration: [{ noncurrentDays: retentionDays }],
              },
              {
                id: 'remove-expired-delete-markers',
                status: 'Enabled',
                filter: [{ prefix: '' }],
                // Otherwise every deleted file leaves a delete marker behind forever; S3 refuses days or date beside
                // this flag.
                expiration: [{ expiredObjectDeleteMarker: true }],
              },
            ]
          : []),
      ],
      // Lifecycle rules on a versioned bucket must follow the versioning setting.
      dependsOn: this.files.versioning ? [this.files.versioning] : undefined,
    });

    // DynamoDB tables have no name_prefix; a suffix fixed at first apply keeps two stacks apart.
    const suffix = new UniqueSuffix(this, 'table-suffix');
    this.table = new DynamodbTable(this, 'table', {
      name: `${props.environment}-files-${suffix.value}`,
      ...tableShape(FILES_TABLE_DEFINITION),
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.deletionProtection ?? false,
    });
    this.staleIndexArn = `${this.table.arn}/index/${FILES_TABLE_SCHEMA.staleIndex}`;
  }
}
