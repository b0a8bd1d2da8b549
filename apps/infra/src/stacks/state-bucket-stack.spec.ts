import { Testing } from 'cdktf';
import { testDeploymentConfig } from '@ha-uploads/terraform-toolbox/testing';
import { StateBucketStack, stateBucketStackName } from './state-bucket-stack';
import { synthesizedResources } from '../testing/synthesized-resources';

const config = testDeploymentConfig({ stateBucket: 'acme-ha-uploads-state' });

function synth(): string {
  return Testing.synth(new StateBucketStack(Testing.app(), stateBucketStackName(config), { config }));
}

describe('StateBucketStack', () => {
  it('creates the bucket under the exact name the environment gives, never destroyed by terraform', () => {
    const bucket = Object.values(JSON.parse(synth()).resource.aws_s3_bucket)[0];
    expect(bucket).toMatchObject({
      bucket: 'acme-ha-uploads-state',
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('versions every state written', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_versioning' },
      { versioning_configuration: { status: 'Enabled' } },
    );
  });

  it('encrypts with KMS', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_server_side_encryption_configuration' },
      {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true }],
      },
    );
  });

  it('blocks public access and refuses plain HTTP', () => {
    const synthesized = synth();
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_public_access_block' },
      {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    );
    const [policy] = synthesizedResources<{ policy: string }>(synthesized, 'aws_s3_bucket_policy');
    expect(JSON.parse(policy.policy).Statement).toContainEqual(
      expect.objectContaining({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('is named after its environment', () => {
    expect(stateBucketStackName(config)).toBe('ha-uploads-test-state');
  });

  it('refuses an environment without a state bucket', () => {
    expect(() => new StateBucketStack(Testing.app(), 'x', { config: testDeploymentConfig() })).toThrow(
      'state bucket stack needs a stateBucket, got undefined',
    );
  });
});
