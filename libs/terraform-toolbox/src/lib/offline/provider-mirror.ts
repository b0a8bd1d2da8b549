import { type Dirent, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Environment variable that names the provider mirror (the directory holding `registry.terraform.io/`). */
export const TF_PROVIDER_MIRROR_ENV = 'TF_PROVIDER_MIRROR';

const PROVIDER_PATH = join('registry.terraform.io', 'hashicorp', 'aws');
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'proc', 'sys', 'dev']);

/** Where machine images usually keep a terraform filesystem mirror. */
export function defaultMirrorRoots(home: string): string[] {
  return [
    '/opt',
    '/usr/local/share',
    '/usr/share',
    join(home, '.terraform.d'),
    join(home, '.local', 'share', 'terraform'),
  ];
}

/** Whether `dir` is a filesystem mirror holding the AWS provider. */
export function isProviderMirror(dir: string): boolean {
  return existsSync(join(dir, PROVIDER_PATH));
}

/**
 * Breadth-first search under `root`, at most `maxDepth` levels down, for a directory holding
 * `registry.terraform.io/hashicorp/aws`.
 */
export function searchMirror(root: string, maxDepth: number): string | undefined {
  let level = [root];
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (isProviderMirror(dir)) return dir;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable or vanished: not ours to search
      }
      for (const entry of entries) {
        if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) next.push(join(dir, entry.name));
      }
    }
    level = next;
  }
  return undefined;
}

/** The first mirror found under `roots`, or undefined when none holds the provider. */
export function discoverProviderMirror(roots: readonly string[], maxDepth = 3): string | undefined {
  for (const root of roots) {
    const found = searchMirror(root, maxDepth);
    if (found) return found;
  }
  return undefined;
}
