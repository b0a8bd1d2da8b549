import { Testing } from 'cdktf';
import { SecureBucket, type SecureBucketProps } from './secure-bucket';
import { synthesizedResources } from '../../testing/synthesized-resources';

function synth(props: Partial<SecureBucketProps> = {}, configure?: (bucket: SecureBucket) => void): string {
  return Testing.synthScope((scope) => {
    const bucket = new SecureBucket(scope, 'files', { bucketPrefix: 'test-files-', ...props });
    configure?.(bucket);
  });
}

function bucketPolicy(synthesized: string): { Statement: Array<Record<string, unknown>> } {
  const [policy] = synthesizedResources<{ policy: string }>(synthesized, 'aws_s3_bucket_policy');
  return JSON.parse(policy.policy);
}

describe('SecureBucket', () => {
  it('generates its name from the prefix', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket' },
      { bucket_prefix: 'test-files-', force_destroy: false },
    );
  });

  it('blocks every kind of public access', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_public_access_block' },
      {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    );
  });

  it('encrypts with S3-managed keys by default', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_server_side_encryption_configuration' },
      {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: false }],
      },
    );
  });

  it('encrypts with KMS and a bucket key when asked', () => {
    expect(synth({ encryption: 'aws:kms' })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_server_side_encryption_configuration' },
      {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true }],
      },
    );
  });

  it('denies every request that is not over TLS', () => {
    const [deny] = bucketPolicy(synth()).Statement;
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('appends added statements after the TLS-only deny', () => {
    const synthesized = synth({}, (b) =>
      b.addToPolicy({
        Effect: 'Allow',
        Principal: { Service: 'x.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::b/*',
      }),
    );
    expect(bucketPolicy(synthesized).Statement.map((s) => s.Effect)).toEqual(['Deny', 'Allow']);
  });

  it('disables ACLs', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_ownership_controls' },
      { rule: { object_ownership: 'BucketOwnerEnforced' } },
    );
  });

  it('has no versioning unless asked', () => {
    expect(synth()).not.toHaveResource({ tfResourceType: 'aws_s3_bucket_versioning' });
  });

  it('with versioning', () => {
    expect(synth({ versioning: true })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_versioning' },
      {
        versioning_configuration: { status: 'Enabled' },
      },
    );
  });

  it('rejects a prefix longer than S3 allows and shows it', () => {
    expect(() => synth({ bucketPrefix: 'x'.repeat(38) })).toThrow(
      `bucket prefix must be at most 37 characters, got "${'x'.repeat(38)}"`,
    );
  });
});
