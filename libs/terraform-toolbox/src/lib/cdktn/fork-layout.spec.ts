import { type PackageLayout, checkImport, forkSpecifier, splitSpecifier } from './fork-layout';

// A fixture of the fork's layout, as `npm pack` lists it.
const provider: PackageLayout = {
  name: '@cdktn/provider-aws',
  version: '25.7.0',
  main: 'lib/index.js',
  files: new Set(['lib/index.js', 'lib/lb/index.js', 'lib/provider/index.js']),
};
const core: PackageLayout = {
  name: 'cdktn',
  version: '0.24.0',
  main: 'lib/index.js',
  files: new Set(['lib/index.js', 'lib/testing/adapters/jest.js']),
};
const layouts = new Map([
  [provider.name, provider],
  [core.name, core],
]);

describe('forkSpecifier', () => {
  it('renames cdktf to cdktn and the @cdktf scope to @cdktn, keeping the path', () => {
    expect(forkSpecifier('cdktf')).toBe('cdktn');
    expect(forkSpecifier('cdktf/lib/testing/adapters/jest')).toBe('cdktn/lib/testing/adapters/jest');
    expect(forkSpecifier('@cdktf/provider-aws/lib/lb')).toBe('@cdktn/provider-aws/lib/lb');
  });
});

describe('splitSpecifier', () => {
  it('splits scoped and unscoped specifiers into package and subpath', () => {
    expect(splitSpecifier('@cdktn/provider-aws/lib/lb')).toEqual(['@cdktn/provider-aws', 'lib/lb']);
    expect(splitSpecifier('cdktn')).toEqual(['cdktn', '']);
  });
});

describe('checkImport', () => {
  it('accepts a resource module the fork has', () => {
    expect(checkImport('@cdktf/provider-aws/lib/lb', layouts)).toMatchObject({
      ok: true,
      counterpart: '@cdktn/provider-aws/lib/lb',
    });
  });

  it('accepts the core package and a file subpath', () => {
    expect(checkImport('cdktf', layouts).ok).toBe(true);
    expect(checkImport('cdktf/lib/testing/adapters/jest', layouts).ok).toBe(true);
  });

  it('fails on the provider barrel, at the root or at lib', () => {
    expect(checkImport('@cdktf/provider-aws', layouts)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('barrel import'),
    });
    expect(checkImport('@cdktf/provider-aws/lib', layouts).ok).toBe(false);
  });

  it('fails on a module the fork does not have', () => {
    expect(checkImport('@cdktf/provider-aws/lib/elb-classic', layouts)).toMatchObject({
      ok: false,
      reason: '@cdktn/provider-aws@25.7.0 has no such module',
    });
  });

  it('fails on a package that was not packed', () => {
    expect(checkImport('@cdktf/provider-random/lib/id', layouts)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('was not packed'),
    });
  });

  it('honours an exports map that hides deep paths', () => {
    const sealed = new Map([[core.name, { ...core, exports: { '.': './lib/index.js' } }]]);
    expect(checkImport('cdktf/lib/testing/adapters/jest', sealed).ok).toBe(false);
    expect(checkImport('cdktf', sealed).ok).toBe(true);
  });
});
