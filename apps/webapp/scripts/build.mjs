// Builds dist/apps/webapp/main.js: one self-contained Node bundle (no node_modules beside it), which infra ships to
// EC2.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outdir = path.join(root, 'dist/apps/webapp');
// Start clean: infra zips this whole folder for EC2, so nothing stale may ride along.
await rm(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { main: 'apps/webapp/src/main.ts', sweep: 'apps/webapp/src/sweep/main.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node22', // BUNDLE_NODE_TARGET of libs/config: the oldest Node the fleet runs
  format: 'cjs',
  sourcemap: true,
  minify: true,
  keepNames: true,
  tsconfig: 'apps/webapp/tsconfig.server.json',
  // Only a run from source compiles the client with esbuild, imported lazily and never in production.
  external: ['esbuild'],
  legalComments: 'linked',
  logLevel: 'info',
});

// The upload page's browser module, served by the app at /assets/app.js (src/client-script.ts reads it).
await build({
  absWorkingDir: root,
  entryPoints: ['apps/webapp/src/client/main.ts'],
  outfile: path.join(outdir, 'public/app.js'),
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  minify: true,
  sourcemap: true,
  tsconfig: 'apps/webapp/tsconfig.client.json',
  logLevel: 'info',
});
