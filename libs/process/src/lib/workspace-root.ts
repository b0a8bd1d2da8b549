import { existsSync } from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `from` that holds nx.json: the repository root, wherever the caller sits. */
export function findWorkspaceRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no nx.json at or above ${from}; run from inside the workspace`);
  }
}

let cached: string | undefined;

/**
 * The repository root (the folder with nx.json), where commands run as nx runs them. Looked up on first call, not
 * at import, so a bundle that carries this module but runs outside the workspace does not fail to load.
 */
export function workspaceRoot(): string {
  cached ??= findWorkspaceRoot();
  return cached;
}
