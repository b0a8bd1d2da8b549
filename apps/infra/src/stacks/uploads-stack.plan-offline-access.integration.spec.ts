import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeploymentConfig } from '@ha-uploads/config';
import { loadEnvironmentConfig } from '../config/environment-file';
import { OIDC_AUTH, testDeploymentConfig } from '@ha-uploads/terraform-toolbox/testing';
import { fixtureStack } from '../testing/fixture-stack';
import { terraformForSpecs } from '../testing/terraform-for-specs';
import { baseEnvForSpecs, providerInstallationForSpecs } from '@ha-uploads/terraform-toolbox/testing';
import { planOffline } from '@ha-uploads/terraform-toolbox';

// The offline rehearsal through the real terraform, for environments with sign-in at the ALB and the WAF on.
const { terraform, withTerraform } = terraformForSpecs('the offline plan rehearsal');

const HTTPS = {
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
  domainName: 'uploads.example.com',
};

/** dev.json plus the given settings, validated like an environment file. */
function devWith(settings: Record<string, unknown>): DeploymentConfig {
  const { environment, region, availabilityZones, tags } = loadEnvironmentConfig('dev');
  return testDeploymentConfig({ environment, region, availabilityZones, tags, ...HTTPS, ...settings });
}

// Its own folder, removed here: the suite-wide cleanup of /tmp/infra-* in a concurrent jest run would delete it
// mid-plan.
const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

async function plan(config: DeploymentConfig) {
  const outdir = mkdtempSync(join(tmpdir(), 'ha-uploads-plan-access-'));
  outdirs.push(outdir);
  return planOffline({
    ...fixtureStack(config),
    outdir,
    providerInstallation: providerInstallationForSpecs(),
    terraform,
    baseEnv: baseEnvForSpecs(),
  });
}

/** Resource addresses the plan says it will create, e.g. `aws_cognito_user_pool.sign-in_user-pool_1A2B3C4D`. */
function plannedTypes(output: string): string[] {
  return [...output.matchAll(/# (aws_[a-z0-9_]+)\.\S+ will be created/g)].map((m) => m[1]);
}

describe('planOffline with sign-in and the WAF', () => {
  withTerraform('plans Cognito sign-in, the web ACL and the limits table with dummy credentials', async () => {
    // GIVEN
    const config = devWith({ auth: { provider: 'cognito' }, waf: true });
    // WHEN
    const result = await plan(config);
    // THEN
    expect(result.steps[1].output).toContain('The configuration is valid');
    expect(result.summary).toMatch(/^Plan: \d+ to add, 0 to change, 0 to destroy\.$/);
    expect(plannedTypes(result.steps[2].output)).toEqual(
      expect.arrayContaining([
        'aws_cognito_user_pool',
        'aws_cognito_user_group',
        'aws_cognito_user_pool_client',
        'aws_cognito_user_pool_domain',
        'aws_wafv2_web_acl',
        'aws_wafv2_web_acl_association',
        'aws_s3_bucket_cors_configuration',
        'aws_vpc_security_group_egress_rule',
      ]),
    );
  });

  withTerraform('plans OIDC sign-in without reading its client secret', async () => {
    // GIVEN
    const config = devWith({
      auth: {
        ...OIDC_AUTH,
        clientSecret: { secretsManagerArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:oidc-AbCdEf' },
      },
    });
    // WHEN
    const result = await plan(config);
    // THEN
    expect(result.summary).toMatch(/^Plan: \d+ to add, 0 to change, 0 to destroy\.$/);
    expect(result.steps[2].output).toContain('authenticate-oidc');
  });
});
