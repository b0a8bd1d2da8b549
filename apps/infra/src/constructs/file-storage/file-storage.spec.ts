import { Testing } from 'cdktf';
import { FileStorage, type FileStorageProps } from './file-storage';
import { synthesizedResources } from '../../testing/synthesized-resources';
import { itBehavesLikeAStackTable } from '../../testing/table-behaviours';

function synth(props: Partial<FileStorageProps> = {}): string {
  return Testing.synthScope((scope) => {
    new FileStorage(scope, 'storage', { environment: 'test', ...props });
  });
}

function lifecycleRules(synthesized: string): Array<Record<string, unknown>> {
  const [config] = synthesizedResources<{
    rule: Array<Record<string, unknown>>;
  }>(synthesized, 'aws_s3_bucket_lifecycle_configuration');
  return config.rule;
}

describe('FileStorage', () => {
  it('names the bucket after the environment', () => {
    expect(synth()).toHaveResourceWithProperties({ tfResourceType: 'aws_s3_bucket' }, { bucket_prefix: 'test-files-' });
  });

  it('versions the bucket by default', () => {
    expect(synth()).toHaveResource({ tfResourceType: 'aws_s3_bucket_versioning' });
  });

  it('without versioning', () => {
    expect(synth({ versioning: false })).not.toHaveResource({ tfResourceType: 'aws_s3_bucket_versioning' });
  });

  it('aborts incomplete multipart uploads after a day', () => {
    expect(lifecycleRules(synth())[0]).toMatchObject({
      status: 'Enabled',
      abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
    });
  });

  it('keeps noncurrent versions 7 days by default', () => {
    // GIVEN / WHEN
    const synthesized = synth();
    // THEN
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_lifecycle_configuration' },
      {
        rule: expect.arrayContaining([
          expect.objectContaining({
            id: 'expire-noncurrent-versions',
            status: 'Enabled',
            filter: [{ prefix: '' }],
            noncurrent_version_expiration: [{ noncurrent_days: 7 }],
          }),
        ]),
      },
    );
  });

  it('with a longer noncurrent version retention', () => {
    expect(synth({ noncurrentVersionRetentionDays: 30 })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_lifecycle_configuration' },
      {
        rule: expect.arrayContaining([
          expect.objectContaining({
            id: 'expire-noncurrent-versions',
            noncurrent_version_expiration: [{ noncurrent_days: 30 }],
          }),
        ]),
      },
    );
  });

  it('removes expired delete markers, in an expiration block without days or date', () => {
    // GIVEN / WHEN
    const rule = lifecycleRules(synth()).find((r) => r.id === 'remove-expired-delete-markers');
    // THEN
    expect(rule).toEqual({
      id: 'remove-expired-delete-markers',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      expiration: [{ expired_object_delete_marker: true }],
    });
  });

  it('without versioning, keeps only the multipart rule', () => {
    expect(lifecycleRules(synth({ versioning: false })).map((r) => r.id)).toEqual([
      'abort-incomplete-multipart-uploads',
    ]);
  });

  it('keys the table by pk/sk with the sparse limbo index, as the webapp creates it locally', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_dynamodb_table' },
      {
        hash_key: 'pk',
        range_key: 'sk',
        attribute: ['pk', 'sk', 'limbo', 'updatedAt'].map((name) => ({ name, type: 'S' })),
        global_secondary_index: [
          { name: 'limbo-by-updated-at', hash_key: 'limbo', range_key: 'updatedAt', projection_type: 'ALL' },
        ],
      },
    );
  });

  it('bills on demand, with point-in-time recovery and encryption', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_dynamodb_table' },
      {
        billing_mode: 'PAY_PER_REQUEST',
        point_in_time_recovery: { enabled: true },
        server_side_encryption: { enabled: true },
        deletion_protection_enabled: false,
      },
    );
  });

  itBehavesLikeAStackTable(synth, 'test-files-');

  it('rejects a retention of 0 days and shows it', () => {
    expect(() => synth({ noncurrentVersionRetentionDays: 0 })).toThrow(
      'noncurrent version retention must be a whole number of days >= 1, got 0',
    );
  });
});
