import { synthesizedResources } from './synthesized-resources';

/** Synthesizes a table construct for a spec, with or without deletion protection. */
export type SynthTable = (props?: { readonly deletionProtection?: boolean }) => string;

/** The behaviours every DynamoDB table construct shares; `namePrefix` is the name before the generated suffix. */
export function itBehavesLikeAStackTable(synth: SynthTable, namePrefix: string): void {
  it('gives the table a generated suffix so two stacks do not collide', () => {
    const [table] = synthesizedResources<{ name: string }>(synth(), 'aws_dynamodb_table');
    expect(table.name).toMatch(new RegExp(`^${namePrefix}\\$\\{substr\\(replace\\(terraform_data\\.`));
  });

  it('with deletion protection', () => {
    expect(synth({ deletionProtection: true })).toHaveResourceWithProperties(
      { tfResourceType: 'aws_dynamodb_table' },
      { deletion_protection_enabled: true },
    );
  });
}
