import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../testing/fixtures';
import { discoverProviderMirror, searchMirror } from './provider-mirror';

function fakeMirror(root: string, ...segments: string[]): string {
  const mirror = join(root, ...segments);
  mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', 'linux_amd64'), { recursive: true });
  return mirror;
}

describe('discoverProviderMirror', () => {
  it('discovers a mirror a few levels under a root', () => {
    const root = tempDir('roots');
    const mirror = fakeMirror(root, 'vendor', 'tf-plugins');
    expect(discoverProviderMirror([join(root, 'missing'), root])).toBe(mirror);
  });

  it('answers undefined when no root holds one, so the caller can take the registry', () => {
    expect(discoverProviderMirror([tempDir('roots')])).toBeUndefined();
  });

  it('does not search deeper than asked', () => {
    const root = tempDir('roots');
    fakeMirror(root, 'a', 'b', 'c', 'd');
    expect(searchMirror(root, 2)).toBeUndefined();
  });
});
