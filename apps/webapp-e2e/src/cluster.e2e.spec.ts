import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { startClusterProcess, type ClusterProcess } from './support/cluster-process';
import { saveScreenshot } from './support/screenshots';
import { dropFiles, readPage, untilNextPage, uploadWithForm } from './support/upload-page';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('two instances behind the local load balancer, no stickiness', () => {
  let cluster: ClusterProcess;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    cluster = await startClusterProcess({ instances: 2 });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('lists an upload on every reload while the serving instance alternates', async () => {
    // GIVEN an upload through the balancer
    await page.goto(cluster.url);
    await uploadWithForm(page, [
      { name: 'architecture.txt', mimeType: 'text/plain', buffer: Buffer.from('the original bug, fixed') },
    ]);

    // WHEN the page is reloaded six times
    const seen: { instance: string; files: string[] }[] = [];
    for (let i = 0; i < 6; i++) {
      await page.reload();
      seen.push(await readPage(page));
    }

    // THEN every view lists the file, and consecutive views come from different instances
    for (const view of seen) expect(view.files).toContain('architecture.txt');
    expect(new Set(seen.map((v) => v.instance))).toEqual(new Set(['web-1', 'web-2']));
    for (let i = 1; i < seen.length; i++) expect(seen[i].instance).not.toBe(seen[i - 1].instance);
    await saveScreenshot(page, 'round-robin');
  });

  it('uploads through the plain form when JavaScript is off', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(cluster.url);
    await uploadWithForm(plain, [
      { name: 'no-script.txt', mimeType: 'text/plain', buffer: Buffer.from('progressive enhancement') },
    ]);
    expect((await readPage(plain)).files).toContain('no-script.txt');
    await noScript.close();
  });

  it('deletes a file from the page', async () => {
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(cluster.url);
    await uploadWithForm(page, [{ name: 'delete-me.txt', mimeType: 'text/plain', buffer: Buffer.from('bye') }]);
    const item = page.getByTestId('file-item').filter({ hasText: 'delete-me.txt' });
    await expectVisible(item.first());

    await untilNextPage(page, () => item.getByRole('button', { name: /delete/i }).click());

    // Reload twice so both instances answer.
    for (let i = 0; i < 2; i++) {
      await page.reload();
      expect((await readPage(page)).files).not.toContain('delete-me.txt');
    }
  });

  it('uploads several dropped files, each progress bar reaching 100%', async () => {
    await page.goto(cluster.url);
    const files = [
      { name: 'one.txt', type: 'text/plain', content: 'first' },
      { name: 'two.json', type: 'application/json', content: '{"n":2}' },
      { name: 'three.csv', type: 'text/csv', content: 'a,b\n1,2\n' },
    ];
    await dropFiles(page, files);

    for (const file of files) {
      const row = page.getByTestId('upload-progress').filter({ hasText: file.name });
      await row.and(page.locator('[data-state="done"]')).waitFor();
      expect(await row.locator('progress').getAttribute('value')).toBe('100');
    }
    await saveScreenshot(page, 'drag-and-drop');

    await page.reload();
    expect((await readPage(page)).files).toEqual(expect.arrayContaining(files.map((f) => f.name)));
    await saveScreenshot(page, 'upload-page');
  });

  it('shows the server message when an upload fails', async () => {
    await page.goto(cluster.url);
    // The CSRF cookie changed since the page loaded (as after another tab got a new one): the page's token is stale,
    // and the API refuses the upload with a message for people.
    await context.addCookies([{ name: 'csrf', value: 'x'.repeat(43), url: cluster.url }]);
    await dropFiles(page, [{ name: 'refused.txt', type: 'text/plain', content: 'no' }]);

    const row = page.getByTestId('upload-progress').filter({ hasText: 'refused.txt' });
    await row.and(page.locator('[data-state="error"]')).waitFor();
    expect(await row.getByRole('alert').textContent()).toMatch(/reload the page/i);
    await saveScreenshot(page, 'upload-error');
  });

  it('cancels an upload in progress', async () => {
    await page.goto(cluster.url);
    // Throttle the upload so there is time to press Cancel while bytes are still being sent.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    await dropFiles(page, [
      { name: 'slow.bin', type: 'application/octet-stream', content: 'x'.repeat(4 * 1024 * 1024) },
    ]);

    const row = page.getByTestId('upload-progress').filter({ hasText: 'slow.bin' });
    await row.getByRole('button', { name: /cancel/i }).click();

    await row.and(page.locator('[data-state="cancelled"]')).waitFor();
    await page.reload();
    expect((await readPage(page)).files).not.toContain('slow.bin');
  });
});

describe('two instances behind the local load balancer, with --sticky', () => {
  let cluster: ClusterProcess;

  beforeAll(async () => {
    cluster = await startClusterProcess({ instances: 2, sticky: true });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('serves every reload from the same instance', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(cluster.url);
    const instances = [(await readPage(page)).instance];
    for (let i = 0; i < 6; i++) {
      await page.reload();
      instances.push((await readPage(page)).instance);
    }
    expect(new Set(instances).size).toBe(1);
    expect(instances[0]).toMatch(/^web-[12]$/);
    await context.close();
  });
});

async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}
