import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findWorkspaceRoot, workspaceRoot } from './workspace-root';

describe('findWorkspaceRoot', () => {
  it('finds the folder with nx.json from a nested folder', () => {
    // GIVEN
    const root = workspaceRoot();
    const nested = path.join(root, 'apps', 'webapp', 'src');
    // WHEN / THEN
    expect(findWorkspaceRoot(nested)).toBe(root);
    expect(existsSync(path.join(root, 'nx.json'))).toBe(true);
  });

  it('fails naming the folder when no nx.json is above it', () => {
    // GIVEN
    const outside = mkdtempSync(path.join(tmpdir(), 'no-workspace-'));
    try {
      // WHEN / THEN
      expect(() => findWorkspaceRoot(outside)).toThrow(`no nx.json at or above ${outside}`);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
