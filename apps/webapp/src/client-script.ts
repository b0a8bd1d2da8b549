import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The browser bundle (built by scripts/build.mjs next to main.js), or undefined when absent, in which case the
 * page works as a plain form.
 */
export async function loadClientScript(): Promise<string | undefined> {
  const candidates = [path.join(__dirname, 'public', 'app.js'), path.resolve('dist/apps/webapp/public/app.js')];
  for (const candidate of candidates) {
    try {
      return await readFile(candidate, 'utf8');
    } catch {
      // Try the next location.
    }
  }
  return undefined;
}
