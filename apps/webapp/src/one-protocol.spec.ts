import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { workspaceRoot } from '@ha-uploads/process';

/** The production sources of the direct-upload path, from the page to the S3 adapter. */
const UPLOAD_PATH = ['apps/webapp/src/client', 'apps/webapp/src/routes', 'apps/webapp/src/http', 'libs/files/src/lib'];
/** The S3 adapter of the MultipartStore port and what it signs with. */
const MULTIPART_ADAPTER = ['libs/storage/src/lib/s3-multipart-store.ts', 'libs/storage/src/lib/part-url-signer.ts'];
/** Every production source of the app (the local cloud's own stand-ins aside). */
const PRODUCTION = ['apps/webapp/src', 'libs/files/src/lib', 'libs/storage/src/lib'];
/** The flags and the second protocol that existed only because the local S3 could not list, abort or check. */
const STAND_IN_FLAGS = /\b(partsFrom|localStandIn|listsParts|PartConfirmer|recordSessionParts)\b|\bmultipart\.aborts\b/;

/** Production `.ts` files under `dirs`: no specs, no test helpers, not the local stand-ins. */
function productionFiles(dirs: readonly string[]): string[] {
  const root = workspaceRoot();
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return ['testing', 'local'].includes(entry.name) ? [] : walk(path);
      return entry.name.endsWith('.ts') && !/\.(spec|test-helper)\.ts$|\.d\.ts$/.test(entry.name)
        ? [relative(root, path)]
        : [];
    });
  return dirs.flatMap((dir) => walk(join(root, dir)));
}

/** The files among `files` whose text matches `pattern`. */
function matching(files: readonly string[], pattern: RegExp): string[] {
  return files.filter((file) => pattern.test(readFileSync(join(workspaceRoot(), file), 'utf8')));
}

describe('one upload protocol in production code', () => {
  it('keeps none of the stand-in flags or the client-confirmation protocol', () => {
    expect(matching(productionFiles(PRODUCTION), STAND_IN_FLAGS)).toEqual([]);
  });

  it('never asks, on the direct-upload path, which backend it talks to', () => {
    const files = [...productionFiles(UPLOAD_PATH), ...MULTIPART_ADAPTER];
    expect(matching(files, /backendMode|s3rver|localhost|127\.0\.0\.1/)).toEqual([]);
  });
});
