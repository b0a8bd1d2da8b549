/// <reference types="jest" />
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A fresh temp directory named `prefix…` for each test (`per: 'each'`) or for the whole describe block (`'all'`),
 * removed after it; the returned function reads its path inside hooks and tests.
 */
export function useTempDirectory(prefix: string, per: 'each' | 'all'): () => string {
  let directory: string | undefined;
  const [before, after] = per === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), prefix));
  });
  after(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
    directory = undefined;
  });
  return () => {
    if (!directory) throw new Error('the temp directory exists only inside hooks and tests');
    return directory;
  };
}
