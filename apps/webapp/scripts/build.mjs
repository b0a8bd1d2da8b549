// Builds dist/apps/webapp/main.js: one self-contained Node bundle (no node_modules beside it), which infra ships to EC2.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outdir = path.join(root, 'dist/apps/webapp');

await build({
  absWorkingDir: root,
  entryPoints: { main: 'apps/webapp/src/main.ts', 'sweep-main': 'apps/webapp/src/sweep-main.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minifySyntax: true,
  tsconfig: 'apps/webapp/tsconfig.json',
  // Only embedded mode needs these; main.ts imports that code lazily and never in production.
  external: ['dynalite', 's3rver'],
  legalComments: 'linked',
  logLevel: 'info',
});

// The browser module for the upload page (issue 7), served by the app at /assets/app.js.
const client = 'apps/webapp/src/client/main.ts';
if (existsSync(path.join(root, client))) {
  await build({
    absWorkingDir: root,
    entryPoints: [client],
    outfile: path.join(outdir, 'public/app.js'),
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
    sourcemap: true,
    logLevel: 'info',
  });
}
