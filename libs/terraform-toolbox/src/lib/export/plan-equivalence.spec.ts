import { type PlanJson, holdsTemplate, planDifferences } from './plan-equivalence';

const sides = { left: 'json', right: 'hcl' };
const change = (after: Record<string, unknown>, actions = ['create']) => ({
  actions,
  before: null,
  after,
  after_unknown: {},
});

function plan(
  hcl: {
    after?: Record<string, unknown>;
    actions?: string[];
    address?: string;
    expression?: Record<string, unknown>;
  } = {},
): PlanJson {
  const resource = (side: string, expression: Record<string, unknown>) => ({
    address: 'aws_vpc.main',
    provider_config_key: `module.${side}:aws`,
    expressions: { cidr_block: expression },
  });
  return {
    resource_changes: [
      { address: 'module.json.aws_vpc.main', change: change({ cidr_block: '10.0.0.0/16' }) },
      {
        address: `module.hcl.${hcl.address ?? 'aws_vpc.main'}`,
        change: change(hcl.after ?? { cidr_block: '10.0.0.0/16' }, hcl.actions),
      },
    ],
    output_changes: { json__id: { actions: ['create'] }, hcl__id: { actions: ['create'] } },
    configuration: {
      root_module: {
        module_calls: {
          json: {
            module: { resources: [resource('json', { constant_value: '${var.cidr}', references: ['var.cidr'] })] },
          },
          hcl: { module: { resources: [resource('hcl', hcl.expression ?? { references: ['var.cidr'] })] } },
        },
      },
    },
  };
}

describe('planDifferences', () => {
  it('finds none between identical plans, allowing the JSON template text as constant_value', () => {
    expect(planDifferences(plan(), sides)).toEqual([]);
  });

  it('reports a changed planned value by its path', () => {
    expect(planDifferences(plan({ after: { cidr_block: '10.1.0.0/16' } }), sides)).toEqual([
      'resource aws_vpc.main: .change.after.cidr_block: "10.0.0.0/16" in cdk.tf.json, "10.1.0.0/16" in the HCL export',
    ]);
  });

  it('reports an attribute missing from the HCL configuration', () => {
    expect(planDifferences(plan({ expression: {} }), sides)).toEqual([
      'configuration of resource aws_vpc.main: .expressions.cidr_block.references: ["var.cidr"] in cdk.tf.json, (absent) in the HCL export',
    ]);
  });

  it('reports a changed action', () => {
    expect(planDifferences(plan({ actions: ['delete', 'create'] }), sides)).toEqual([
      expect.stringMatching(/^resource aws_vpc.main: /),
    ]);
  });

  it('reports a resource under another address on each side', () => {
    expect(planDifferences(plan({ address: 'aws_vpc.renamed' }), sides)).toEqual([
      'resource aws_vpc.main: only in cdk.tf.json',
      'resource aws_vpc.renamed: only in the HCL export',
    ]);
  });

  it('reports an expression that became a constant', () => {
    expect(planDifferences(plan({ expression: { constant_value: '10.0.0.0/16' } }), sides)).toEqual([
      expect.stringMatching(/^configuration of resource aws_vpc.main: /),
    ]);
  });
});

describe('holdsTemplate', () => {
  it('sees interpolations and directives, not their escapes', () => {
    expect(holdsTemplate(['a', { b: 'x${y}' }])).toBe(true);
    expect(holdsTemplate('%{ if x }y%{ endif }')).toBe(true);
    expect(holdsTemplate('$${literal} %%{literal}')).toBe(false);
  });
});
