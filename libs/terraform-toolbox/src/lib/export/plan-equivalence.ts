import { isDeepStrictEqual } from 'node:util';

/** The parts of `terraform show -json <plan>` the comparison reads. */
export interface PlanJson {
  readonly resource_changes?: readonly ResourceChange[];
  readonly output_changes?: Readonly<Record<string, unknown>>;
  readonly configuration?: {
    readonly provider_config?: Readonly<Record<string, Record<string, unknown>>>;
    readonly root_module?: { readonly module_calls?: Readonly<Record<string, { readonly module?: ModuleConfig }>> };
  };
}

interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly change: Readonly<Record<string, unknown>>;
  readonly action_reason?: string;
}

interface ModuleConfig {
  readonly outputs?: Readonly<Record<string, Record<string, unknown>>>;
  readonly resources?: readonly Record<string, unknown>[];
}

/**
 * The ways a plan of the exported HCL may differ from the plan of cdk.tf.json and still be the same plan. Each one
 * is a fact of how Terraform reports the two syntaxes, never of what it would do.
 */
export const DOCUMENTED_DIFFERENCES = [
  "cdktf's `//` metadata keys become `#` comments (the construct path); terraform reads neither",
  '`terraform show -json` reports a JSON-syntax template (a string with `${...}`) in its configuration section as a constant_value holding the template text, and the same expression in native syntax only by its references',
] as const;

/** Names the two configurations are planned under, as modules of one root: `module.<left>` and `module.<right>`. */
export interface PlanSides {
  readonly left: string;
  readonly right: string;
}

/**
 * Every difference between the two configurations of one plan (see {@link planEquivalenceRoot}): resource addresses,
 * actions and planned values, outputs, and configuration expressions. Empty when they plan identically.
 */
export function planDifferences(plan: PlanJson, sides: PlanSides): string[] {
  return [
    ...resourceDifferences(plan, sides),
    ...outputDifferences(plan, sides),
    ...configurationDifferences(plan, sides),
  ];
}

function resourceDifferences(plan: PlanJson, sides: PlanSides): string[] {
  const bySide = (side: string) => {
    const prefix = `module.${side}.`;
    const changes = new Map<string, unknown>();
    for (const rc of plan.resource_changes ?? []) {
      if (rc.address.startsWith(prefix))
        changes.set(rc.address.slice(prefix.length), { change: rc.change, action_reason: rc.action_reason });
    }
    return changes;
  };
  return compareMaps('resource', bySide(sides.left), bySide(sides.right));
}

function outputDifferences(plan: PlanJson, sides: PlanSides): string[] {
  const bySide = (side: string) => {
    const prefix = `${side}__`;
    const outputs = new Map<string, unknown>();
    for (const [name, change] of Object.entries(plan.output_changes ?? {}))
      if (name.startsWith(prefix)) outputs.set(name.slice(prefix.length), change);
    return outputs;
  };
  return compareMaps('output', bySide(sides.left), bySide(sides.right));
}

function configurationDifferences(plan: PlanJson, sides: PlanSides): string[] {
  const calls = plan.configuration?.root_module?.module_calls ?? {};
  const left = calls[sides.left]?.module ?? {};
  const right = calls[sides.right]?.module ?? {};
  const resources = (config: ModuleConfig) =>
    new Map((config.resources ?? []).map((r) => [String(r.address), withoutKeys(r, ['provider_config_key'])]));
  const providers = (side: string) => {
    const found = new Map<string, unknown>();
    for (const [key, config] of Object.entries(plan.configuration?.provider_config ?? {})) {
      if (key.startsWith(`module.${side}:`))
        found.set(key.slice(side.length + 8), withoutKeys(config, ['module_address']));
    }
    return found;
  };
  return [
    ...compareMaps('configuration of resource', resources(left), resources(right), true),
    ...compareMaps(
      'configuration of output',
      new Map(Object.entries(left.outputs ?? {})),
      new Map(Object.entries(right.outputs ?? {})),
      true,
    ),
    ...compareMaps('configuration of provider', providers(sides.left), providers(sides.right), true),
  ];
}

function compareMaps(
  what: string,
  left: Map<string, unknown>,
  right: Map<string, unknown>,
  expressions = false,
): string[] {
  const differences: string[] = [];
  for (const [key, value] of left) {
    if (!right.has(key)) differences.push(`${what} ${key}: only in cdk.tf.json`);
    else {
      const expected = expressions ? normalizeJsonTemplates(value, right.get(key)) : value;
      const difference = firstDifference(expected, right.get(key), '');
      if (difference) differences.push(`${what} ${key}: ${difference}`);
    }
  }
  for (const key of right.keys()) if (!left.has(key)) differences.push(`${what} ${key}: only in the HCL export`);
  return differences;
}

/** Where two values first differ, as `path: <json> != <hcl>`, or undefined when they are equal. */
export function firstDifference(left: unknown, right: unknown, path: string): string | undefined {
  if (isDeepStrictEqual(left, right)) return undefined;
  const bothObjects =
    typeof left === 'object' &&
    left !== null &&
    typeof right === 'object' &&
    right !== null &&
    Array.isArray(left) === Array.isArray(right);
  if (bothObjects) {
    const l = left as Record<string, unknown>;
    const r = right as Record<string, unknown>;
    for (const key of new Set([...Object.keys(l), ...Object.keys(r)])) {
      const found = firstDifference(l[key], r[key], Array.isArray(left) ? `${path}[${key}]` : `${path}.${key}`);
      if (found) return found;
    }
  }
  const show = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value).slice(0, 300));
  return `${path || '(value)'}: ${show(left)} in cdk.tf.json, ${show(right)} in the HCL export`;
}

/**
 * Drops, from the JSON side, a constant_value that is only the text of a template the native side reports as
 * references.
 */
function normalizeJsonTemplates(json: unknown, native: unknown): unknown {
  if (Array.isArray(json))
    return json.map((item, i) => normalizeJsonTemplates(item, Array.isArray(native) ? native[i] : undefined));
  if (typeof json !== 'object' || json === null) return json;
  const nativeObject = typeof native === 'object' && native !== null ? (native as Record<string, unknown>) : {};
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    if (key === 'constant_value' && !('constant_value' in nativeObject) && holdsTemplate(value)) continue;
    result[key] = normalizeJsonTemplates(value, nativeObject[key]);
  }
  return result;
}

/** Whether a JSON-syntax value holds a string with a `${` or `%{` sequence (not the `$${` / `%%{` escapes). */
export function holdsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return /(^|[^$%])[$%]\{/.test(value);
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsTemplate);
  return false;
}

function withoutKeys(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}
