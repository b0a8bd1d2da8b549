import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildApp, stackName } from '../build-app';
import { loadEnvironmentConfig } from '../config/environment-file';
import { findTerraform } from '@ha-uploads/terraform-toolbox';
import { FIXTURE_BUNDLE_DIR } from '@ha-uploads/terraform-toolbox/testing';
import { baseEnvForSpecs, providerInstallationForSpecs } from '@ha-uploads/terraform-toolbox/testing';
import { planDifferences } from '@ha-uploads/terraform-toolbox/testing';
import { type PlanJsonAndHclResult, planJsonAndHcl } from '@ha-uploads/terraform-toolbox/testing';

// The export's promise, checked by the real terraform offline: cdk.tf.json and the exported .tf files plan the same.
const terraform = findTerraform(process.env.PATH);
if (!terraform) console.warn('skipping the HCL export equivalence plan: terraform is not on PATH');
const describeWithTerraform = terraform ? describe : describe.skip;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describeWithTerraform('the HCL export of the dev stack', () => {
  const config = loadEnvironmentConfig('dev');
  let stackDir: string;
  let result: PlanJsonAndHclResult;
  // Not under the infra- prefix: a concurrent jest run's global teardown removes every infra-* folder it did not see
  // at its start, which would pull this folder away mid-plan.
  const scratch = mkdtempSync(join(tmpdir(), 'hcl-export-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  beforeAll(async () => {
    const outdir = join(scratch, 'synth');
    buildApp({ config, webappBundleDir: FIXTURE_BUNDLE_DIR, outdir, offline: true }).app.synth();
    stackDir = join(outdir, 'stacks', stackName(config));
    const started = performance.now();
    result = await planJsonAndHcl({
      config,
      stackDir,
      stackName: stackName(config),
      rootDir: join(scratch, 'plan'),
      providerInstallation: providerInstallationForSpecs(),
      terraform: terraform as string,
      baseEnv: baseEnvForSpecs(),
    });
    console.log(
      `export equivalence: ${((performance.now() - started) / 1000).toFixed(1)} s (${result.steps.map((s) => `${s.args[0]} ${(s.durationMs / 1000).toFixed(1)} s`).join(', ')})`,
    );
  });

  it('plans the same resources, actions, planned values, outputs and expressions as cdk.tf.json', () => {
    // GIVEN the plan of both configurations (beforeAll)
    // WHEN
    const differences = planDifferences(result.plan, { left: 'json', right: 'hcl' });
    // THEN
    expect(differences).toEqual([]);
  });

  it('plans every resource of the stack, through both configurations', () => {
    const synthesized = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as {
      resource: Record<string, Record<string, unknown>>;
    };
    const expected = Object.entries(synthesized.resource).flatMap(([type, byName]) =>
      Object.keys(byName).map((name) => `${type}.${name}`),
    );
    const planned = (side: string) =>
      (result.plan.resource_changes ?? [])
        .filter((rc) => rc.address.startsWith(`module.${side}.`))
        .map((rc) => rc.address.slice(side.length + 8));
    expect(planned('json').sort()).toEqual(expected.sort());
    expect(planned('hcl').sort()).toEqual(expected.sort());
  });

  it('ships the assets byte for byte, at the same relative paths', () => {
    const assets = join(stackDir, 'assets');
    const exported = join(result.exportDir, 'assets');
    expect(filesUnder(exported)).toEqual(filesUnder(assets));
    for (const file of filesUnder(assets)) expect(sha256(join(exported, file))).toBe(sha256(join(assets, file)));
  });

  it('keeps the user data script as cdktf wrote it (it names buckets only known after apply, so the plan cannot show it)', () => {
    const synthesized = readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8');
    const template = (
      JSON.parse(synthesized) as { resource: { aws_launch_template: Record<string, { user_data: string }> } }
    ).resource.aws_launch_template;
    const userData = Object.values(template)[0].user_data;
    const fleet = readFileSync(join(result.exportDir, 'fleet.tf'), 'utf8');
    expect(userData).toMatch(/^\$\{base64encode\(".*"\)\}$/s);
    const line = fleet.split('\n').find((l) => /^\s*user_data\s*=/.test(l)) ?? '';
    expect(line.replace(/^\s*user_data\s*=\s*/, '')).toBe(userData.slice(2, -1));
  });

  it('writes a README that says how to apply the files', () => {
    const readme = readFileSync(join(result.exportDir, 'README.md'), 'utf8');
    expect(readme).toContain('terraform init');
    expect(readme).toContain('terraform apply');
  });
});
