/** One piece of a Terraform string template: literal text, or a `${...}` / `%{...}` sequence kept as written. */
export type TemplatePart =
  { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'sequence'; readonly text: string };

/**
 * Splits a template (a JSON-syntax string after JSON decoding) the way Terraform's template scanner does:
 * `$${` and `%%{` are literal escapes, `${` and `%{` open a sequence that ends at its matching `}`, skipping
 * braces and strings (with their own nested templates) inside the expression.
 */
export function scanTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const opener = template.slice(i, i + 2);
    if ((opener === '$$' || opener === '%%') && template[i + 2] === '{') {
      literal += template.slice(i, i + 3);
      i += 3;
    } else if (opener === '${' || opener === '%{') {
      if (literal) parts.push({ kind: 'literal', text: literal });
      literal = '';
      const end = endOfExpression(template, i + 2);
      parts.push({ kind: 'sequence', text: template.slice(i, end + 1) });
      i = end + 1;
    } else {
      literal += template[i];
      i += 1;
    }
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return parts;
}

/** Index of the `}` that closes the expression starting at `start`. */
function endOfExpression(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') i = endOfQuoted(text, i + 1);
    else if (ch === '{') depth += 1;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  throw new Error(`unterminated template sequence in ${JSON.stringify(text)}`);
}

/** Index of the `"` that closes the quoted template starting at `start` (just past the opening quote). */
function endOfQuoted(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i += 1;
    else if (ch === '"') return i;
    else if ((ch === '$' || ch === '%') && text[i + 1] === ch && text[i + 2] === '{') i += 2;
    else if ((ch === '$' || ch === '%') && text[i + 1] === '{') i = endOfExpression(text, i + 2);
  }
  throw new Error(`unterminated string in template ${JSON.stringify(text)}`);
}

/** Literal template text as it must appear between double quotes in native syntax (sequences and escapes untouched). */
function quoteLiteral(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  return text.replace(/[\\"\u0000-\u001f\u007f]/g, (ch) => {
    switch (ch) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/** The template as a native-syntax quoted string: `"..."`, with the same value. */
export function quotedTemplate(template: string): string {
  const body = scanTemplate(template)
    .map((part) => (part.kind === 'literal' ? quoteLiteral(part.text) : part.text))
    .join('');
  return `"${body}"`;
}

/**
 * The template as a native-syntax expression with the same value: a bare expression when the template is one
 * `${...}` (Terraform returns its value unconverted either way), a heredoc for multi-line text, else a quoted string.
 */
export function templateExpression(template: string, indent = ''): string {
  const parts = scanTemplate(template);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'sequence' && only.text.startsWith('${') && !/^\$\{~|~\}$/.test(only.text)) {
    const expression = only.text.slice(2, -1).trim();
    return expression.includes('\n') ? `(${expression})` : expression;
  }
  if (isHeredocCandidate(template, parts)) return heredoc(template, indent);
  return quotedTemplate(template);
}

/** Multi-line text that ends with a newline and has no carriage returns reads better, and identically, as a heredoc. */
function isHeredocCandidate(template: string, parts: readonly TemplatePart[]): boolean {
  const lines = template.split('\n');
  return (
    lines.length > 2 && template.endsWith('\n') && !template.includes('\r') && parts.some((p) => p.kind === 'literal')
  );
}

/** `<<EOT ... EOT`: heredocs process no backslash escapes, so the text goes in verbatim. */
function heredoc(template: string, indent: string): string {
  const lines = new Set(template.split('\n').map((line) => line.trim()));
  let marker = 'EOT';
  for (let n = 1; lines.has(marker); n++) marker = `EOT${n}`;
  return `<<${marker}\n${template}${indent}${marker}`;
}
