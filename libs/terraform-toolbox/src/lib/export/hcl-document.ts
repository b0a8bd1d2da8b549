import {
  type BodyRules,
  type JsonBody,
  asBody,
  commentLines,
  renderBlock,
  renderBody,
  resourceRules,
} from './hcl-body';
import type { JsonValue } from './hcl-expression';
import { SchemaIndex, type ProvidersSchema } from './provider-schema';

/** File name -> contents of an exported configuration. */
export type HclFiles = Record<string, string>;

/** Blocks of one file, in order. */
type Sections = Map<string, string[][]>;

const RESERVED_FILES = new Set([
  'terraform',
  'providers',
  'variables',
  'locals',
  'outputs',
  'main',
  'moved',
  'imports',
]);

/**
 * Converts a synthesized Terraform JSON configuration (cdk.tf.json) to native-syntax `.tf` files with the same
 * meaning: the provider schema decides which keys are nested blocks. Resources and data sources go to one file per
 * top-level construct (from cdktf's metadata path), the rest to terraform.tf, providers.tf, outputs.tf and so on.
 */
export function convertToHcl(config: JsonBody, providersSchema: ProvidersSchema): HclFiles {
  const schemas = new SchemaIndex(providersSchema);
  const sections: Sections = new Map();
  const add = (file: string, block: string[]) => sections.set(file, [...(sections.get(file) ?? []), block]);
  const requiredProviders = requiredProviderSources(config);

  for (const [key, value] of Object.entries(config)) {
    switch (key) {
      case '//':
        break;
      case 'terraform':
        for (const body of bodies(value, 'terraform')) add('terraform', renderTerraformBlock(body));
        break;
      case 'provider':
        for (const [name, list] of Object.entries(asBody(value, 'provider'))) {
          const schema = schemas.providerSchema(name, requiredProviders[name]);
          for (const body of bodies(list, `provider.${name}`)) {
            add(
              'providers',
              renderBlock('provider', [name], body, {
                schema,
                where: `provider.${name}`,
                literals: new Set(['alias']),
              }),
            );
          }
        }
        break;
      case 'resource':
      case 'data':
        forEachLabelled(value, key, (type, name, body) => {
          const where = `${key === 'data' ? 'data.' : ''}${type}.${name}`;
          add(
            constructFile(body),
            renderBlock(key, [type, name], body, resourceRules(schemas.typeSchema(key, type), where)),
          );
        });
        break;
      case 'variable':
        forEachNamed(value, key, (name, body) =>
          add('variables', renderBlock('variable', [name], body, VARIABLE_RULES)),
        );
        break;
      case 'output':
        forEachNamed(value, key, (name, body) => add('outputs', renderBlock('output', [name], body, OUTPUT_RULES)));
        break;
      case 'locals':
        for (const body of bodies(value, 'locals'))
          add('locals', ['locals {', ...renderBody(body, { where: 'locals' }, 1), '}']);
        break;
      case 'module':
        forEachNamed(value, key, (name, body) => add(constructFile(body), renderModule(name, body)));
        break;
      case 'moved':
        for (const body of bodies(value, 'moved'))
          add('moved', renderBlock('moved', [], body, { where: 'moved', traversals: new Set(['from', 'to']) }));
        break;
      case 'import':
        for (const body of bodies(value, 'import'))
          add('imports', renderBlock('import', [], body, { where: 'import', traversals: new Set(['to', 'provider']) }));
        break;
      default:
        throw new Error(`cannot export the top-level ${JSON.stringify(key)} blocks yet`);
    }
  }
  const files: HclFiles = {};
  for (const [file, blocks] of sections)
    files[`${file}.tf`] = `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
  return files;
}

const VARIABLE_RULES: BodyRules = {
  where: 'variable',
  traversals: new Set(['type']),
  metaBlocks: { validation: { where: 'variable.validation' } },
};
const OUTPUT_RULES: BodyRules = {
  where: 'output',
  traversals: new Set(['depends_on']),
  metaBlocks: { precondition: { where: 'output.precondition' } },
};

function renderModule(name: string, body: JsonBody): string[] {
  const { providers, ...rest } = body;
  const lines = renderBlock('module', [name], rest, {
    where: `module.${name}`,
    literals: new Set(['source', 'version']),
    traversals: new Set(['depends_on']),
  });
  if (providers === undefined) return lines;
  const entries = Object.entries(asBody(providers, `module.${name}.providers`)).map(
    ([k, v]) => `    ${k} = ${String(v).replace(/^\$\{(.*)\}$/, '$1')}`,
  );
  return [...lines.slice(0, -1), '  providers = {', ...entries, '  }', lines[lines.length - 1]];
}

/** `terraform { ... }`: required_providers entries are objects, backend and cloud are labelled/unlabelled blocks. */
function renderTerraformBlock(body: JsonBody): string[] {
  const lines = ['terraform {'];
  for (const [key, value] of Object.entries(body)) {
    if (key === '//') lines.push(...commentLines(value, '  '));
    else if (key === 'required_providers')
      lines.push(
        ...renderBlock('required_providers', [], asBody(value, 'terraform.required_providers'), { where: key }, 1),
      );
    else if (key === 'backend') {
      for (const [type, config] of Object.entries(asBody(value, 'terraform.backend')))
        lines.push(...renderBlock('backend', [type], asBody(config, key), { where: `backend.${type}` }, 1));
    } else if (key === 'cloud')
      lines.push(
        ...renderBlock(
          'cloud',
          [],
          asBody(value, key),
          { where: key, metaBlocks: { workspaces: { where: 'cloud.workspaces' } } },
          1,
        ),
      );
    else if (key === 'required_version')
      lines.push(...renderBody({ [key]: value }, { where: 'terraform', literals: new Set([key]) }, 1));
    else throw new Error(`cannot export terraform.${key} yet`);
  }
  lines.push('}');
  return lines;
}

/** The local provider name -> source map of `terraform.required_providers`. */
function requiredProviderSources(config: JsonBody): Record<string, string | undefined> {
  const sources: Record<string, string | undefined> = {};
  for (const body of config.terraform === undefined ? [] : bodies(config.terraform, 'terraform')) {
    const required = body.required_providers;
    if (required === undefined) continue;
    for (const [name, spec] of Object.entries(asBody(required, 'terraform.required_providers'))) {
      sources[name] =
        typeof spec === 'object' && spec !== null && !Array.isArray(spec) && typeof spec.source === 'string'
          ? spec.source
          : undefined;
    }
  }
  return sources;
}

/** File (without .tf) of a resource, data source or module: its top-level construct under the stack, else main. */
function constructFile(body: JsonBody): string {
  const meta = body['//'];
  const path =
    typeof meta === 'object' && meta !== null && !Array.isArray(meta)
      ? (meta.metadata as { path?: unknown } | undefined)?.path
      : undefined;
  const segments = typeof path === 'string' ? path.split('/') : [];
  if (segments.length < 3) return 'main';
  const name =
    segments[1]
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'main';
  return RESERVED_FILES.has(name) ? `${name}-resources` : name;
}

function bodies(value: JsonValue, where: string): JsonBody[] {
  return (Array.isArray(value) ? value : [value]).map((item) => asBody(item, where));
}

function forEachNamed(value: JsonValue, where: string, visit: (name: string, body: JsonBody) => void): void {
  for (const group of bodies(value, where)) {
    for (const [name, item] of Object.entries(group))
      for (const body of bodies(item, `${where}.${name}`)) visit(name, body);
  }
}

function forEachLabelled(
  value: JsonValue,
  where: string,
  visit: (type: string, name: string, body: JsonBody) => void,
): void {
  forEachNamed(value, where, (type, byName) => {
    for (const [name, item] of Object.entries(byName))
      for (const body of bodies(item, `${where}.${type}.${name}`)) visit(type, name, body);
  });
}
