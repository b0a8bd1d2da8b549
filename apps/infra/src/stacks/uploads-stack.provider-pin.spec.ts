import { Testing } from 'cdktf';
import { buildApp } from '../build-app';
import { AWS_PROVIDER_PIN } from '@ha-uploads/terraform-toolbox';
import { FIXTURE_BUNDLE_DIR, testDeploymentConfig } from '@ha-uploads/terraform-toolbox/testing';

describe('AWS_PROVIDER_PIN', () => {
  it('is the version the synthesized stack pins', () => {
    // GIVEN
    const { stack } = buildApp({ config: testDeploymentConfig(), webappBundleDir: FIXTURE_BUNDLE_DIR });
    // WHEN
    const synthesized = JSON.parse(Testing.synth(stack));
    // THEN
    expect(synthesized.terraform.required_providers.aws.version).toBe(AWS_PROVIDER_PIN.version);
    expect(AWS_PROVIDER_PIN).toEqual({ source: 'registry.terraform.io/hashicorp/aws', version: '5.100.0' });
  });
});
