import { templateExpression, quotedTemplate } from './template';

/** A decoded JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const INDENT = '  ';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);

/** Whether `key` can be written bare, as an attribute name or object key. */
export function isIdentifier(key: string): boolean {
  return IDENTIFIER.test(key) && !KEYWORDS.has(key);
}

/**
 * An object key in native syntax: bare when it is a plain identifier, else a quoted template (JSON keys are templates
 * too).
 */
export function objectKey(key: string): string {
  return isIdentifier(key) ? key : quotedTemplate(key);
}

/** A number as written in JSON; integers beyond 2^53 lost precision when decoded, so they are refused. */
function numberLiteral(value: number): string {
  if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
    throw new Error(`number ${value} cannot be exported exactly`);
  }
  return String(value);
}

/** A JSON-syntax expression value (strings are templates) as a native-syntax expression at the given nesting depth. */
export function renderExpression(value: JsonValue, depth = 0): string {
  const pad = INDENT.repeat(depth);
  if (value === null) return 'null';
  if (typeof value === 'string') return templateExpression(value, pad);
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return renderList(
      value.map((item) => renderExpression(item, depth + 1)),
      depth,
    );
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item]) => `${pad}${INDENT}${objectKey(key)} = ${renderExpression(item, depth + 1)}`);
  return `{\n${lines.join('\n')}\n${pad}}`;
}

/** `[a, b]` on one line when short, else one item a line. */
export function renderList(items: readonly string[], depth: number): string {
  if (items.length === 0) return '[]';
  const inline = `[${items.join(', ')}]`;
  if (inline.length <= 100 && !inline.includes('\n')) return inline;
  const pad = INDENT.repeat(depth);
  return `[\n${items.map((item) => `${pad}${INDENT}${item},`).join('\n')}\n${pad}]`;
}

/**
 * A reference written as a JSON string (`depends_on`, `ignore_changes`, `provider`, `moved.from`...): JSON syntax
 * takes the string's text as the expression, with or without a `${...}` wrapper.
 */
export function renderTraversal(value: JsonValue): string {
  if (typeof value !== 'string') throw new Error(`expected a reference string, got ${JSON.stringify(value)}`);
  const match = /^\$\{(.*)\}$/s.exec(value);
  return (match ? match[1] : value).trim();
}
