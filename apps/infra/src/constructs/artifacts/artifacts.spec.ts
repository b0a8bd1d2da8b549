import { TerraformOutput, Testing } from 'cdktf';
import { FIXTURE_BUNDLE_DIR } from '@ha-uploads/terraform-toolbox/testing';
import { Artifacts } from './artifacts';

describe('Artifacts', () => {
  it('uploads the bundle under a key that contains its content hash', () => {
    // GIVEN / WHEN
    let artifacts!: Artifacts;
    const synthesized = Testing.synthScope((scope) => {
      artifacts = new Artifacts(scope, 'artifacts', { environment: 'test', bundleDir: FIXTURE_BUNDLE_DIR });
    });
    // THEN
    expect(artifacts.bundleKey).toBe(`webapp/${artifacts.asset.assetHash}.zip`);
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_object' },
      { key: artifacts.bundleKey, content_type: 'application/zip' },
    );
  });

  it('uploads a new bundle before deleting the old one, so instances booting mid-apply still find theirs', () => {
    const synthesized = Testing.synthScope((scope) => {
      new Artifacts(scope, 'artifacts', { environment: 'test', bundleDir: FIXTURE_BUNDLE_DIR });
    });
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_object' },
      { lifecycle: { create_before_destroy: true } },
    );
  });

  it('exposes an ARN pattern that covers every bundle and nothing else in the bucket', () => {
    // GIVEN / WHEN
    const synthesized = Testing.synthScope((scope) => {
      const artifacts = new Artifacts(scope, 'artifacts', { environment: 'test', bundleDir: FIXTURE_BUNDLE_DIR });
      new TerraformOutput(scope, 'bundles', { value: artifacts.bundlesArn });
    });
    // THEN
    expect(JSON.parse(synthesized).output.bundles.value).toMatch(
      /^\$\{aws_s3_bucket\.artifacts_bucket_[^.}]+\.arn\}\/webapp\/\*$/,
    );
  });

  it('keeps artifacts in a private bucket that destroy may empty', () => {
    const synthesized = Testing.synthScope((scope) => {
      new Artifacts(scope, 'artifacts', { environment: 'test', bundleDir: FIXTURE_BUNDLE_DIR });
    });
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket' },
      { bucket_prefix: 'test-artifacts-', force_destroy: true },
    );
    expect(synthesized).toHaveResource({ tfResourceType: 'aws_s3_bucket_public_access_block' });
  });

  it('explains how to build a missing bundle', () => {
    expect(() =>
      Testing.synthScope(
        (scope) => new Artifacts(scope, 'artifacts', { environment: 'test', bundleDir: '/nonexistent/bundle' }),
      ),
    ).toThrow(
      'webapp bundle directory not found: /nonexistent/bundle (run `npx nx run webapp:build` or set WEBAPP_BUNDLE_DIR)',
    );
  });
});
