import type { ProvidersSchema } from './provider-schema';
import { runTerraform } from '../offline/terraform-cli';

/** `terraform providers schema -json` in an initialized folder. */
export async function readProvidersSchema(
  terraform: string,
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<ProvidersSchema> {
  const { output } = await runTerraform(terraform, ['providers', 'schema', '-json'], dir, env);
  const start = output.indexOf('{');
  if (start < 0) throw new Error(`terraform providers schema -json printed no JSON:\n${output.slice(0, 2000)}`);
  return JSON.parse(output.slice(start)) as ProvidersSchema;
}
