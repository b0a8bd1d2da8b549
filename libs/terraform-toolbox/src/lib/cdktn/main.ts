import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCli, runCli } from '@ha-uploads/process';
import { checkImport, forkSpecifier, splitSpecifier } from './fork-layout';
import { scanCdktfImports } from './import-scan';
import { type PackedPackage, packFork } from './pack-fork';

// `nx run infra:cdktn-check`: would every cdktf import of the infra resolve in CDK Terrain? Needs the npm registry.
async function main(): Promise<number> {
  parseCli(process.argv.slice(2), { options: {} });
  const workspace = resolve(__dirname, '..', '..', '..', '..', '..');
  const roots = ['apps/infra/src', 'libs'].map((dir) => join(workspace, dir));
  // This checker's own specs spell cdktf imports as fixtures.
  const imports = scanCdktfImports(roots, workspace, [join(workspace, 'libs/terraform-toolbox/src/lib/cdktn')]);
  const packages = [...new Set(imports.map((i) => splitSpecifier(forkSpecifier(i.specifier))[0]))].sort();

  const scratch = mkdtempSync(join(tmpdir(), 'cdktn-check-'));
  let layouts: Map<string, PackedPackage>;
  try {
    layouts = new Map(packages.map((name) => [name, packFork(name, scratch)]));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const pkg of layouts.values()) {
    const facts = [
      pkg.engines?.node && `node ${pkg.engines.node}`,
      pkg.terraformProvider && `bindings for Terraform provider ${pkg.terraformProvider}`,
      pkg.peerDependencies &&
        `peers ${Object.entries(pkg.peerDependencies)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
    ].filter(Boolean);
    console.log(`packed ${pkg.name}@${pkg.version}${facts.length ? `: ${facts.join('; ')}` : ''}`);
  }

  const bySpecifier = new Map<string, string[]>();
  for (const i of imports)
    bySpecifier.set(i.specifier, [...(bySpecifier.get(i.specifier) ?? []), `${i.file}:${i.line}`]);
  let failures = 0;
  for (const [specifier, places] of [...bySpecifier].sort(([a], [b]) => a.localeCompare(b))) {
    const verdict = checkImport(specifier, layouts);
    if (!verdict.ok) failures += 1;
    console.log(
      `${verdict.ok ? 'ok  ' : 'FAIL'} ${specifier} -> ${verdict.counterpart} (${verdict.reason}; ${places.length} file${places.length === 1 ? '' : 's'})`,
    );
    if (!verdict.ok) for (const place of places) console.log(`       ${place}`);
  }
  console.log(
    `${imports.length} cdktf imports in ${new Set(imports.map((i) => i.file)).size} files, ${bySpecifier.size} distinct modules: ${failures === 0 ? 'all have a counterpart in the fork' : `${failures} without a counterpart`}`,
  );
  return failures > 0 ? 1 : 0;
}

runCli(main, {
  usage:
    'usage: nx run infra:cdktn-check\n  checks that every cdktf import has a counterpart in CDK Terrain (needs the npm registry)',
});
