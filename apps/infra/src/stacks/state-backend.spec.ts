import type { DeploymentConfig } from '@ha-uploads/config';
import { Testing } from 'cdktf';
import { FIXTURE_BUNDLE_DIR, testDeploymentConfig } from '@ha-uploads/terraform-toolbox/testing';
import { UploadsStack } from './uploads-stack';

function terraformBlock(config: DeploymentConfig, offline = false): Record<string, unknown> {
  const stack = new UploadsStack(Testing.app(), 'uploads', {
    config,
    webappBundleDir: FIXTURE_BUNDLE_DIR,
    offline,
    localStateFile: 'terraform.uploads.tfstate',
  });
  return JSON.parse(Testing.synth(stack)).terraform;
}

describe('the state backend', () => {
  it('keeps state in a local file when the environment names no state bucket', () => {
    expect(terraformBlock(testDeploymentConfig()).backend).toEqual({ local: { path: 'terraform.uploads.tfstate' } });
  });

  it("keeps state in the state bucket, locked by terraform's lock file and no DynamoDB table", () => {
    // GIVEN
    const config = testDeploymentConfig({ stateBucket: 'acme-ha-uploads-state' });
    // WHEN
    const backend = terraformBlock(config).backend;
    // THEN
    expect(backend).toEqual({
      s3: {
        bucket: 'acme-ha-uploads-state',
        key: 'ha-uploads/test/terraform.tfstate',
        region: 'us-east-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  it('uses the key the environment names', () => {
    const backend = terraformBlock(testDeploymentConfig({ stateBucket: 'acme-state', stateKey: 'web/test.tfstate' }))
      .backend as { s3: { key: string } };
    expect(backend.s3.key).toBe('web/test.tfstate');
  });

  it('has no backend in the offline rehearsal, state bucket or not', () => {
    expect(terraformBlock(testDeploymentConfig({ stateBucket: 'acme-state' }), true)).not.toHaveProperty('backend');
  });
});
