/** The files of one packed package of the fork (paths inside the package, `lib/lb/index.js`). */
export interface PackageLayout {
  readonly name: string;
  readonly version: string;
  readonly files: ReadonlySet<string>;
  /** `main` of its package.json. @default 'index.js' */
  readonly main?: string;
  /** `exports` of its package.json, when it restricts deep imports. */
  readonly exports?: unknown;
}

/** How one cdktf import fares in the fork. */
export interface ImportVerdict {
  readonly specifier: string;
  /** The fork's specifier (`@cdktn/provider-aws/lib/lb`). */
  readonly counterpart: string;
  readonly ok: boolean;
  readonly reason: string;
}

/** `cdktf` -> `cdktn`, `cdktf/lib/x` -> `cdktn/lib/x`, `@cdktf/provider-aws/lib/lb` -> `@cdktn/provider-aws/lib/lb`. */
export function forkSpecifier(specifier: string): string {
  if (specifier === 'cdktf' || specifier.startsWith('cdktf/')) return `cdktn${specifier.slice('cdktf'.length)}`;
  if (specifier.startsWith('@cdktf/')) return `@cdktn/${specifier.slice('@cdktf/'.length)}`;
  throw new Error(`not a cdktf specifier: ${JSON.stringify(specifier)}`);
}

/**
 * The package name and the subpath of a specifier: `@cdktn/provider-aws/lib/lb` -> [`@cdktn/provider-aws`, `lib/lb`].
 */
export function splitSpecifier(specifier: string): [string, string] {
  const segments = specifier.split('/');
  const length = specifier.startsWith('@') ? 2 : 1;
  return [segments.slice(0, length).join('/'), segments.slice(length).join('/')];
}

/** A provider package's root, or its `lib` index, re-exports every resource: importing it loads them all. */
function isBarrel(packageName: string, subpath: string): boolean {
  return /^@cdktn\/provider-/.test(packageName) && (subpath === '' || subpath === 'lib' || subpath === 'lib/index');
}

/** Whether the fork has the module, as Node would resolve `<package>/<subpath>`. */
function resolves(layout: PackageLayout, subpath: string): boolean {
  if (layout.exports !== undefined && layout.exports !== null) {
    const map =
      typeof layout.exports === 'object' ? (layout.exports as Record<string, unknown>) : { '.': layout.exports };
    const key = subpath === '' ? '.' : `./${subpath}`;
    if (!(key in map) && !Object.keys(map).some((k) => k.endsWith('/*') && key.startsWith(k.slice(0, -1))))
      return false;
  }
  if (subpath === '') return layout.files.has((layout.main ?? 'index.js').replace(/^\.\//, ''));
  return ['', '.js', '.cjs', '/index.js'].some((suffix) => layout.files.has(`${subpath}${suffix}`));
}

/** The verdict on one import: fails on a provider barrel, on a package that was not packed, or on a missing path. */
export function checkImport(specifier: string, layouts: ReadonlyMap<string, PackageLayout>): ImportVerdict {
  const counterpart = forkSpecifier(specifier);
  const [packageName, subpath] = splitSpecifier(counterpart);
  if (isBarrel(packageName, subpath)) {
    return {
      specifier,
      counterpart,
      ok: false,
      reason: 'barrel import: import each resource from its own module (lib/<resource>)',
    };
  }
  const layout = layouts.get(packageName);
  if (!layout)
    return {
      specifier,
      counterpart,
      ok: false,
      reason: `${packageName} was not packed, so it has no known counterpart`,
    };
  if (!resolves(layout, subpath))
    return { specifier, counterpart, ok: false, reason: `${packageName}@${layout.version} has no such module` };
  return { specifier, counterpart, ok: true, reason: `found in ${packageName}@${layout.version}` };
}
