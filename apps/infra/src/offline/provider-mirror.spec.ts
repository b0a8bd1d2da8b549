import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/fixtures';
import { findProviderMirror, searchMirror } from './provider-mirror';

function fakeMirror(root: string, ...segments: string[]): string {
  const mirror = join(root, ...segments);
  mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', 'linux_amd64'), { recursive: true });
  return mirror;
}

describe('findProviderMirror', () => {
  it('uses the configured mirror when it holds the provider', () => {
    const mirror = fakeMirror(tempDir('mirror'), 'plugins');
    expect(findProviderMirror(mirror, [])).toBe(mirror);
  });

  it('rejects a configured directory without the provider and shows it', () => {
    const empty = tempDir('mirror');
    expect(() => findProviderMirror(empty, [])).toThrow(`TF_PROVIDER_MIRROR: must be a directory holding registry.terraform.io/hashicorp/aws, got "${empty}"`);
  });

  it('discovers a mirror a few levels under a root', () => {
    const root = tempDir('roots');
    const mirror = fakeMirror(root, 'vendor', 'tf-plugins');
    expect(findProviderMirror(undefined, [join(root, 'missing'), root])).toBe(mirror);
  });

  it('does not search deeper than asked', () => {
    const root = tempDir('roots');
    fakeMirror(root, 'a', 'b', 'c', 'd');
    expect(searchMirror(root, 2)).toBeUndefined();
  });

  it('says how to configure the mirror when none is found', () => {
    const root = tempDir('roots');
    expect(() => findProviderMirror(undefined, [root])).toThrow('set TF_PROVIDER_MIRROR');
  });
});
