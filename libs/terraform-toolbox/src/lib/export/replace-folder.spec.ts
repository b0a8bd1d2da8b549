import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../testing/fixtures';
import { replaceFolder } from './replace-folder';

describe('replaceFolder', () => {
  it('replaces an existing folder whole, leaving none of its old files', () => {
    // GIVEN
    const dir = join(tempDir('replace'), 'dev');
    mkdirSync(join(dir, 'old'), { recursive: true });
    writeFileSync(join(dir, 'stale.tf'), '');
    // WHEN
    replaceFolder(dir, (staging) => writeFileSync(join(staging, 'main.tf'), ''));
    // THEN
    expect(readdirSync(dir)).toEqual(['main.tf']);
  });

  it('leaves the old folder untouched when filling fails', () => {
    const parent = tempDir('replace');
    const dir = join(parent, 'dev');
    mkdirSync(dir);
    writeFileSync(join(dir, 'kept.tf'), '');
    expect(() =>
      replaceFolder(dir, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(readdirSync(dir)).toEqual(['kept.tf']);
    expect(readdirSync(parent)).toEqual(['dev']);
  });

  it('creates the folder and its parents when missing', () => {
    const dir = join(tempDir('replace'), 'terraform', 'dev');
    replaceFolder(dir, (staging) => writeFileSync(join(staging, 'a.tf'), ''));
    expect(existsSync(join(dir, 'a.tf'))).toBe(true);
  });
});
