import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { PackageLayout } from './fork-layout';

/** A packed package: its layout and the package.json fields the migration note quotes. */
export interface PackedPackage extends PackageLayout {
  readonly engines?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  /** For a prebuilt provider: the Terraform provider version its bindings were generated from. */
  readonly terraformProvider?: string;
}

/**
 * `npm pack <name>@latest` into `scratchDir` (never installs anything), then reads the tarball's file list and
 * package.json.
 */
export function packFork(name: string, scratchDir: string): PackedPackage {
  const npm = (...args: string[]) =>
    execFileSync('npm', args, { cwd: scratchDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // An explicit version: npm would otherwise pick the newest release whose engines accept the Node running this.
  const version = JSON.parse(npm('view', `${name}@latest`, 'version', '--json')) as string;
  const packed = JSON.parse(
    npm('pack', `${name}@${version}`, '--pack-destination', scratchDir, '--json', '--silent'),
  ) as { filename: string }[];
  const tarball = join(scratchDir, packed[0].filename);
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    .split('\n')
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ''));
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
  ) as {
    main?: string;
    exports?: unknown;
    engines?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    cdktf?: { provider?: { version?: string } };
  };
  return {
    name,
    version,
    files: new Set(files),
    main: manifest.main,
    exports: manifest.exports,
    engines: manifest.engines,
    peerDependencies: manifest.peerDependencies,
    terraformProvider: manifest.cdktf?.provider?.version,
  };
}
