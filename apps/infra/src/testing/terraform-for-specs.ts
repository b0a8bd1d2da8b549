import { findTerraform } from '@ha-uploads/terraform-toolbox';

/** What a spec that drives the real terraform needs: its path, and `it` (or `it.skip` without one). */
export interface TerraformForSpecs {
  readonly terraform: string;
  readonly withTerraform: jest.It;
}

/** The terraform on PATH; without one, tests declared with `withTerraform` are skipped with a warning naming `what`. */
export function terraformForSpecs(what: string): TerraformForSpecs {
  const terraform = findTerraform(process.env.PATH);
  if (!terraform) console.warn(`skipping ${what}: terraform is not on PATH`);
  return { terraform: terraform ?? '', withTerraform: terraform ? it : it.skip };
}
