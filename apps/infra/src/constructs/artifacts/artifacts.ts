import { existsSync, statSync } from 'node:fs';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { SecureBucket } from '../secure-bucket/secure-bucket';

const BUNDLE_PREFIX = 'webapp/';

/** Props for {@link Artifacts}. */
export interface ArtifactsProps {
  /** Environment name; prefixes the bucket name. */
  readonly environment: string;
  /** Directory of the built webapp (`nx build webapp` writes dist/apps/webapp); zipped at synth. */
  readonly bundleDir: string;
}

/** The artifacts bucket and the zipped webapp bundle in it, keyed by content hash. */
export class Artifacts extends Construct {
  public readonly bucket: SecureBucket;
  public readonly asset: TerraformAsset;
  public readonly bundleObject: S3Object;
  /** Object key; it contains the bundle's hash, so a new build changes user data and rolls the fleet. */
  public readonly bundleKey: string;
  /** ARN pattern of every bundle object (any build), for a read-only IAM grant. */
  public readonly bundlesArn: string;

  constructor(scope: Construct, id: string, props: ArtifactsProps) {
    super(scope, id);
    if (!existsSync(props.bundleDir) || !statSync(props.bundleDir).isDirectory()) {
      throw new Error(
        `webapp bundle directory not found: ${props.bundleDir} (run \`npx nx run webapp:build\` or set WEBAPP_BUNDLE_DIR)`,
      );
    }
    this.bucket = new SecureBucket(this, 'bucket', {
      bucketPrefix: `${props.environment}-artifacts-`,
      // Only build outputs live here; every deploy can recreate them.
      forceDestroy: true,
    });
    this.asset = new TerraformAsset(this, 'webapp-bundle', { path: props.bundleDir, type: AssetType.ARCHIVE });
    this.bundleKey = `${BUNDLE_PREFIX}${this.asset.assetHash}.zip`;
    this.bundleObject = new S3Object(this, 'webapp-bundle-object', {
      bucket: this.bucket.bucket.id,
      key: this.bundleKey,
      source: this.asset.path,
      contentType: 'application/zip',
      // An instance launched from the previous launch template version mid-apply still downloads the previous key.
      lifecycle: { createBeforeDestroy: true },
    });
    this.bundlesArn = `${this.bucket.bucket.arn}/${BUNDLE_PREFIX}*`;
  }
}
