import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@ha-uploads/process';
import type { Page } from 'playwright-core';

/** Test artifacts: screenshots land in dist/apps/webapp-e2e/screenshots (the e2e target's output). */
export const screenshotDir = join(findWorkspaceRoot(__dirname), 'dist/apps/webapp-e2e/screenshots');

/** Saves a full-page screenshot as a test artifact and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
