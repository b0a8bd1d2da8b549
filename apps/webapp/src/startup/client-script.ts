import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The upload page's browser module, served at /assets/app.js. The bundle carries it prebuilt beside main.js;
 * from source (serve, cluster, tests) it is compiled in memory, so it is never stale. Undefined when neither
 * exists, in which case the page works as a plain form.
 */
export async function loadClientScript(): Promise<string | undefined> {
  try {
    return await readFile(path.join(__dirname, 'public', 'app.js'), 'utf8');
  } catch {
    // Not running from the bundle.
  }
  const entry = path.join(__dirname, '..', 'client', 'main.ts');
  if (!existsSync(entry)) return undefined;
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
