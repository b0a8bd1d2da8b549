import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Fills a fresh sibling folder, then swaps it in for `dir`: the result holds only what `fill` wrote, never files
 * of an earlier run, and a failing `fill` leaves the old folder untouched.
 */
export function replaceFolder(dir: string, fill: (staging: string) => void): void {
  const staging = join(dirname(dir), `.${basename(dir)}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    fill(staging);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
}
