import { type JsonValue, isIdentifier, renderExpression, renderList, renderTraversal } from './hcl-expression';
import type { BlockSchema } from './provider-schema';
import { quotedTemplate } from './template';

/** A JSON-syntax block body. */
export type JsonBody = { readonly [key: string]: JsonValue };

const INDENT = '  ';

/** How the keys of a body are read: which are attributes, which nested blocks, which meta-arguments. */
export interface BodyRules {
  /** Provider schema of the body: decides attribute vs. nested block. Without it, every key is an attribute. */
  readonly schema?: BlockSchema;
  /** Keys that are references written as strings (`depends_on`, `provider`...), rendered bare. */
  readonly traversals?: ReadonlySet<string>;
  /** Keys that are literal strings, never templates (`source`, `alias`...). */
  readonly literals?: ReadonlySet<string>;
  /** Keys that are meta blocks with their own rules (`lifecycle`, `validation`...). */
  readonly metaBlocks?: Readonly<Record<string, BodyRules>>;
  /** Where the body is, for error messages (`aws_lb.alb`). */
  readonly where: string;
}

/** `lifecycle { ... }` of a resource. */
const LIFECYCLE: BodyRules = {
  where: 'lifecycle',
  traversals: new Set(['ignore_changes', 'replace_triggered_by']),
  metaBlocks: { precondition: { where: 'precondition' }, postcondition: { where: 'postcondition' } },
};

/** The meta-arguments every resource and data source accepts, on top of its schema. */
export function resourceRules(schema: BlockSchema, where: string): BodyRules {
  return {
    schema,
    where,
    traversals: new Set(['provider', 'depends_on']),
    metaBlocks: { lifecycle: LIFECYCLE, connection: { where: `${where}.connection` } },
  };
}

/** `# comment` lines from a `//` key: cdktf's metadata becomes the construct path. */
export function commentLines(value: JsonValue, pad: string): string[] {
  const metadata = typeof value === 'object' && value !== null && !Array.isArray(value) ? value.metadata : undefined;
  const path =
    typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) ? metadata.path : undefined;
  const text = typeof path === 'string' ? path : typeof value === 'string' ? value : JSON.stringify(value);
  return text.split('\n').map((line) => `${pad}# ${line}`.trimEnd());
}

/** A block: `type "label" ... { body }`. */
export function renderBlock(
  type: string,
  labels: readonly string[],
  body: JsonBody,
  rules: BodyRules,
  depth = 0,
): string[] {
  const pad = INDENT.repeat(depth);
  const head = [type, ...labels.map((label) => JSON.stringify(label))].join(' ');
  const comments = body['//'] === undefined ? [] : commentLines(body['//'], pad);
  const inner = renderBody(body, rules, depth + 1);
  return inner.length === 0 ? [...comments, `${pad}${head} {}`] : [...comments, `${pad}${head} {`, ...inner, `${pad}}`];
}

/** The body's attributes, then its blocks. */
export function renderBody(body: JsonBody, rules: BodyRules, depth: number): string[] {
  const pad = INDENT.repeat(depth);
  const attributes: string[] = [];
  const blocks: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === '//') continue;
    const nested = rules.schema?.block_types?.[key];
    const meta = rules.metaBlocks?.[key];
    if (key === 'dynamic' && rules.schema) blocks.push(...renderDynamic(value, rules, depth));
    else if (nested)
      blocks.push(
        ...renderNested(
          key,
          value,
          nested.nesting_mode === 'map',
          { schema: nested.block, where: `${rules.where}.${key}` },
          depth,
        ),
      );
    else if (meta) blocks.push(...renderNested(key, value, false, meta, depth));
    else if (key === 'provisioner' && rules.metaBlocks?.connection)
      blocks.push(...renderProvisioners(value, rules, depth));
    else {
      assertAttribute(key, rules);
      attributes.push(
        `${pad}${isIdentifier(key) ? key : JSON.stringify(key)} = ${renderValue(key, value, rules, depth)}`,
      );
    }
  }
  return [...attributes, ...blocks];
}

function renderValue(key: string, value: JsonValue, rules: BodyRules, depth: number): string {
  if (rules.traversals?.has(key)) {
    return Array.isArray(value) ? renderList(value.map(renderTraversal), depth) : renderTraversal(value);
  }
  if (rules.literals?.has(key) && typeof value === 'string') return quotedTemplate(value);
  return renderExpression(value, depth);
}

function assertAttribute(key: string, rules: BodyRules): void {
  if (!rules.schema || rules.schema.attributes?.[key] !== undefined) return;
  if (['count', 'for_each', ...(rules.traversals ?? [])].includes(key)) return;
  throw new Error(`${rules.where}: ${JSON.stringify(key)} is neither an attribute nor a block in the provider schema`);
}

/** A nested block given as one object or a list of them (map nesting: an object of label -> body). */
function renderNested(type: string, value: JsonValue, labelled: boolean, rules: BodyRules, depth: number): string[] {
  const bodies = Array.isArray(value) ? value : [value];
  return bodies.flatMap((body) => {
    if (body === null) return [];
    const object = asBody(body, rules.where);
    if (!labelled) return renderBlock(type, [], object, rules, depth);
    return Object.entries(object).flatMap(([label, inner]) =>
      renderBlock(type, [label], asBody(inner, rules.where), rules, depth),
    );
  });
}

/** `dynamic "name" { for_each, iterator, labels, content { ... } }`: the content follows the named block's schema. */
function renderDynamic(value: JsonValue, rules: BodyRules, depth: number): string[] {
  const groups = Array.isArray(value) ? value : [value];
  return groups.flatMap((group) =>
    Object.entries(asBody(group, rules.where)).flatMap(([name, spec]) => {
      const nested = rules.schema?.block_types?.[name];
      if (!nested)
        throw new Error(`${rules.where}: dynamic ${JSON.stringify(name)} is not a block in the provider schema`);
      const contentRules: BodyRules = { schema: nested.block, where: `${rules.where}.${name}` };
      const dynamicRules: BodyRules = {
        where: `${rules.where}.dynamic.${name}`,
        traversals: new Set(['iterator']),
        metaBlocks: { content: contentRules },
      };
      return renderNested('dynamic', { [name]: spec }, true, dynamicRules, depth);
    }),
  );
}

/** `provisioner "local-exec" { ... }`, given as a list of `{ "<type>": body }`. */
function renderProvisioners(value: JsonValue, rules: BodyRules, depth: number): string[] {
  const items = Array.isArray(value) ? value : [value];
  const provisionerRules: BodyRules = {
    where: `${rules.where}.provisioner`,
    traversals: new Set(['when', 'on_failure']),
    metaBlocks: { connection: { where: `${rules.where}.provisioner.connection` } },
  };
  return items.flatMap((item) => renderNested('provisioner', item, true, provisionerRules, depth));
}

/** The value as a body object, or an error naming where it was. */
export function asBody(value: JsonValue, where: string): JsonBody {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected a block body (an object), got ${JSON.stringify(value)}`);
  }
  return value;
}
