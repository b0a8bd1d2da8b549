import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { useTempDirectory } from '@ha-uploads/process/testing';
import { useBrowserAndCluster, useFreshContext } from './support/page-rig';
import { untilNextPage } from './support/upload-page';

const MiB = 1024 * 1024;

const { browser, cluster } = useBrowserAndCluster({ instances: 2 });
const dir = useTempDirectory('first-visit-e2e-', 'all');

// Every test is a first-time visitor: a context with no cookies.
const context = useFreshContext(browser);

/** Writes a file of `bytes` random bytes with a unique name; returns its path and name. */
function someFile(prefix: string, bytes: number): { path: string; name: string } {
  const name = `${prefix}-${randomBytes(4).toString('hex')}.bin`;
  const path = join(dir(), name);
  writeFileSync(path, randomBytes(bytes));
  return { path, name };
}

/** Picks the files together and submits; resolves on the page the client leads to once all are stored. */
async function uploadTogether(page: Page, paths: string[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(paths);
  await untilNextPage(page, () => page.getByTestId('upload-submit').click());
}

/** The names the page marks "yours", after a reload. */
async function yoursAfterReload(page: Page): Promise<string[]> {
  await page.reload();
  const mine = page.getByTestId('file-item').filter({ has: page.getByTestId('yours') });
  return (await mine.getByTestId('file-name').allTextContents()).map((name) => name.trim()).sort();
}

describe('a first visit that uploads several files at once', () => {
  it('owns a small and a large file picked together, and can delete both after a reload', async () => {
    // GIVEN a fresh browser, a small file and one large enough to go straight to S3
    const page = await context().newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const small = someFile('small', 10_000);
    const large = someFile('large', 20 * MiB);
    await page.goto(cluster().url);
    // WHEN both are picked and uploaded in one go
    await uploadTogether(page, [small.path, large.path]);
    // THEN after a reload both are the visitor's, and each one's Delete works
    expect(await yoursAfterReload(page)).toEqual([large.name, small.name].sort());
    for (const name of [small.name, large.name]) {
      const item = page.getByTestId('file-item').filter({ hasText: name });
      await untilNextPage(page, () => item.getByRole('button', { name: /delete/i }).click());
      await expect(page.getByTestId('notice').textContent()).resolves.toContain(`Deleted ${name}.`);
    }
  });

  it('owns every one of three small files sent in parallel', async () => {
    const page = await context().newPage();
    const files = [someFile('one', 100), someFile('two', 100), someFile('three', 100)];
    await page.goto(cluster().url);
    await uploadTogether(
      page,
      files.map((f) => f.path),
    );
    expect(await yoursAfterReload(page)).toEqual(files.map((f) => f.name).sort());
  });

  it("owns a second tab's uploads under the identity the first tab got", async () => {
    // GIVEN a first tab that uploaded, then a second tab of the same browser
    const first = await context().newPage();
    const earlier = someFile('first-tab', 100);
    await first.goto(cluster().url);
    await uploadTogether(first, [earlier.path]);
    const ownerCookie = async () => (await context().cookies()).find((c) => c.name === 'owner')?.value;
    const identity = await ownerCookie();
    const second = await context().newPage();
    await second.goto(cluster().url);
    // WHEN the second tab uploads two files at once
    const later = [someFile('second-tab', 100), someFile('second-tab', 100)];
    await uploadTogether(
      second,
      later.map((f) => f.path),
    );
    // THEN the identity is the same and all three files are its own
    expect(await ownerCookie()).toBe(identity);
    expect(await yoursAfterReload(second)).toEqual([earlier, ...later].map((f) => f.name).sort());
  });
});
