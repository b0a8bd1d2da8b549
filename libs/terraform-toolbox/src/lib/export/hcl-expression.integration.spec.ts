import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTerraform } from '../offline/terraform-cli';
import { type JsonValue, renderExpression } from './hcl-expression';

// The real terraform evaluates each value twice, as JSON syntax and as the native syntax we write: they must agree.
const terraform = findTerraform(process.env.PATH);
if (!terraform) console.warn('skipping the expression fidelity check: terraform is not on PATH');
const withTerraform = terraform ? it : it.skip;

const FIXTURES: readonly JsonValue[] = [
  'plain',
  'quotes " and backslashes \\ and \\n as text',
  'escaped $${not_interpolated} and %%{not_a_directive}',
  '${upper("a \\"quoted\\" ${lower("B}")} word")}',
  '{"Statement":[{"Resource":"${join(":", ["arn", "aws"])}/*"}]}',
  '%{ for n in [1, 2] }n=${n};%{ endfor }',
  '%{~ if true ~}  stripped  %{~ endif ~}',
  'tab\tcarriage\rreturn, control \u0001, unicode é ☃ 🚀',
  '#!/bin/bash\nset -eu\necho "$HOME" \\\nEOT\ncat <<UNIT\n${upper("unit")}\nUNIT\n',
  'no trailing newline\nsecond line',
  '${base64encode("#!/bin/bash\\necho \\"hi\\"\\n")}',
  '${[\n  "multi-line",\n  "expression",\n]}',
  ['a', '${1 + 1}', 3, true, null],
  { 'a-b': 1, true: 'kw', 'with space': '${upper("v")}', Name: 'x', nested: { list: [] } },
];

withTerraform('native syntax evaluates to the same value as JSON syntax for every fixture', () => {
  // GIVEN the same values as JSON-syntax locals and as native-syntax locals
  const dir = mkdtempSync(join(tmpdir(), 'hcl-fidelity-'));
  const json = Object.fromEntries(FIXTURES.map((value, i) => [`j${i}`, value]));
  writeFileSync(join(dir, 'json.tf.json'), JSON.stringify({ locals: json }));
  writeFileSync(
    join(dir, 'native.tf'),
    `locals {\n${FIXTURES.map((value, i) => `  h${i} = ${renderExpression(value, 1)}`).join('\n')}\n}\n`,
  );
  const pairs = FIXTURES.map((_, i) => `[local.j${i}, local.h${i}]`).join(', ');
  // WHEN
  let output: string;
  try {
    output = execFileSync(terraform as string, ['console'], {
      cwd: dir,
      input: `jsonencode([${pairs}])\n`,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // THEN
  const evaluated = JSON.parse(JSON.parse(output.trim().split('\n').pop() as string) as string) as [unknown, unknown][];
  expect(evaluated).toHaveLength(FIXTURES.length);
  for (const [fromJson, fromNative] of evaluated) expect(fromNative).toEqual(fromJson);
});
