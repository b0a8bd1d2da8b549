import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One `cdktf` / `@cdktf/*` module specifier in a source file. */
export interface CdktfImport {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
}

const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
// import ... from 'x', export ... from 'x', import 'x', require('x'), import('x'), jest.mock('x')
const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bjest\.mock\s*\(\s*)(['"])([^'"\n]+)\1/g;

/** Whether a module specifier names cdktf or one of its `@cdktf/*` packages (not cdktf-cli, a separate tool). */
export function isCdktfSpecifier(specifier: string): boolean {
  return specifier === 'cdktf' || specifier.startsWith('cdktf/') || specifier.startsWith('@cdktf/');
}

/** Every cdktf import in `text`, with its 1-based line. */
export function findCdktfImports(file: string, text: string): CdktfImport[] {
  const found: CdktfImport[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[2];
    if (!isCdktfSpecifier(specifier)) continue;
    const line = text.slice(0, match.index).split('\n').length;
    found.push({ file, line, specifier });
  }
  return found;
}

/** Source files under each root, skipping node_modules, build output and `skip` folders. */
export function listSourceFiles(roots: readonly string[], skip: readonly string[] = []): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist', 'cdktf.out', '.gen'].includes(entry.name) && !skip.includes(path)) visit(path);
      } else if (SOURCE_FILE.test(entry.name)) files.push(path);
    }
  };
  for (const root of roots) visit(root);
  return files.sort();
}

/** Every cdktf import of the source files under `roots`, with paths relative to `base`. */
export function scanCdktfImports(roots: readonly string[], base: string, skip: readonly string[] = []): CdktfImport[] {
  return listSourceFiles(roots, skip).flatMap((file) =>
    findCdktfImports(relative(base, file), readFileSync(file, 'utf8')),
  );
}
