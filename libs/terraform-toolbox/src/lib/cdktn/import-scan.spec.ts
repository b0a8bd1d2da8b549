import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../testing/fixtures';
import { findCdktfImports, isCdktfSpecifier, scanCdktfImports } from './import-scan';

describe('findCdktfImports', () => {
  it('finds named, side-effect, re-export, require and dynamic imports with their lines', () => {
    // GIVEN
    const text = [
      "import { Lb } from '@cdktf/provider-aws/lib/lb';",
      "import 'cdktf/lib/testing/adapters/jest';",
      'export { App } from "cdktf";',
      "const { Fn } = require('cdktf');",
      "const aws = await import('@cdktf/provider-aws');",
    ].join('\n');
    // WHEN
    const found = findCdktfImports('a.ts', text);
    // THEN
    expect(found.map((i) => [i.line, i.specifier])).toEqual([
      [1, '@cdktf/provider-aws/lib/lb'],
      [2, 'cdktf/lib/testing/adapters/jest'],
      [3, 'cdktf'],
      [4, 'cdktf'],
      [5, '@cdktf/provider-aws'],
    ]);
  });

  it('ignores other packages, including cdktf-cli and look-alikes', () => {
    const text = "import { x } from 'cdktf-cli';\nimport { y } from 'constructs';\nimport { z } from './cdktf';";
    expect(findCdktfImports('a.ts', text)).toEqual([]);
  });
});

describe('isCdktfSpecifier', () => {
  it('accepts cdktf, its subpaths and the @cdktf scope only', () => {
    expect(['cdktf', 'cdktf/lib/x', '@cdktf/provider-aws'].every(isCdktfSpecifier)).toBe(true);
    expect(['cdktfx', 'cdktf-cli', '@cdktn/provider-aws'].some(isCdktfSpecifier)).toBe(false);
  });
});

describe('scanCdktfImports', () => {
  it('reads source files under the roots, skipping node_modules and the given folders', () => {
    // GIVEN
    const root = tempDir('scan');
    for (const dir of ['src', 'src/node_modules/x', 'src/skipped']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'src', 'a.ts'), "import { App } from 'cdktf';\n");
    writeFileSync(join(root, 'src', 'notes.md'), "import { App } from 'cdktf';\n");
    writeFileSync(join(root, 'src', 'node_modules', 'x', 'b.js'), "require('cdktf');\n");
    writeFileSync(join(root, 'src', 'skipped', 'c.ts'), "import 'cdktf';\n");
    // WHEN
    const found = scanCdktfImports([join(root, 'src')], root, [join(root, 'src', 'skipped')]);
    // THEN
    expect(found).toEqual([{ file: join('src', 'a.ts'), line: 1, specifier: 'cdktf' }]);
  });
});
