import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { startClusterProcess, type ClusterProcess } from './support/cluster-process';
import { saveScreenshot } from './support/screenshots';
import { readPage, untilNextPage, uploadWithForm } from './support/upload-page';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const fileItem = (page: Page, name: string) => page.getByTestId('file-item').filter({ hasText: name });

/** Reloads until both instances have answered; returns what each showed. */
async function viewsFromBothInstances(page: Page): Promise<Map<string, string[]>> {
  const views = new Map<string, string[]>();
  for (let i = 0; i < 6 && views.size < 2; i++) {
    await page.reload();
    const view = await readPage(page);
    views.set(view.instance, view.files);
  }
  expect([...views.keys()].sort()).toEqual(['web-1', 'web-2']);
  return views;
}

describe('owners and undo, anonymous, two instances behind the local load balancer', () => {
  let cluster: ClusterProcess;
  let alice: BrowserContext;
  let bob: BrowserContext;

  beforeAll(async () => {
    cluster = await startClusterProcess({ instances: 2 });
    alice = await browser.newContext();
    bob = await browser.newContext();
  });

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    await cluster?.stop();
  });

  it('lets only the owner delete: the other browser sees no Delete, and its forged form post gets 403', async () => {
    // GIVEN Alice uploaded a file
    const a = await alice.newPage();
    await a.goto(cluster.url);
    await uploadWithForm(a, [{ name: 'alice.txt', mimeType: 'text/plain', buffer: Buffer.from('owned by alice') }]);
    await expect(fileItem(a, 'alice.txt').getByTestId('yours').textContent()).resolves.toBe('yours');
    await expect(
      fileItem(a, 'alice.txt')
        .getByRole('button', { name: /delete/i })
        .count(),
    ).resolves.toBe(1);
    const id = await fileItem(a, 'alice.txt').getAttribute('data-id');

    // WHEN Bob views the page, and forges the delete form with his own valid CSRF token
    const b = await bob.newPage();
    await b.goto(cluster.url);
    const forged = await b.evaluate(async (fileId) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
      const res = await fetch(`/files/${fileId}/delete`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: token }),
        redirect: 'manual',
      });
      return res.status;
    }, id);

    // THEN Bob saw the file without Delete or "yours", was refused, and the file stays listed and downloadable
    await expect(fileItem(b, 'alice.txt').count()).resolves.toBe(1);
    await expect(
      fileItem(b, 'alice.txt')
        .getByRole('button', { name: /delete/i })
        .count(),
    ).resolves.toBe(0);
    await expect(fileItem(b, 'alice.txt').getByTestId('yours').count()).resolves.toBe(0);
    expect(forged).toBe(403);
    for (const files of (await viewsFromBothInstances(b)).values()) expect(files).toContain('alice.txt');
    const download = await bob.request.get(`${cluster.url}/files/${id}`);
    expect(await download.text()).toBe('owned by alice');
    await saveScreenshot(b, 'not-yours');
  });

  it('deletes at once on both instances, undoes, deletes again, and shows each message once', async () => {
    const a = await alice.newPage();
    a.on('dialog', (dialog) => void dialog.accept());
    await a.goto(cluster.url);
    await uploadWithForm(a, [{ name: 'undo-me.txt', mimeType: 'text/plain', buffer: Buffer.from('come back') }]);

    // WHEN Alice deletes it (confirming the dialog)
    await untilNextPage(a, () =>
      fileItem(a, 'undo-me.txt')
        .getByRole('button', { name: /delete/i })
        .click(),
    );
    // THEN the page offers Undo and lists it under Recently deleted; neither instance lists it any more
    await expect(a.getByTestId('notice').textContent()).resolves.toContain('Deleted undo-me.txt.');
    await expect(a.getByTestId('trash-item').filter({ hasText: 'undo-me.txt' }).count()).resolves.toBe(1);
    await saveScreenshot(a, 'recently-deleted');
    for (const files of (await viewsFromBothInstances(a)).values()) expect(files).not.toContain('undo-me.txt');
    // The reloads above did not repeat the message.
    await expect(a.getByTestId('notice').count()).resolves.toBe(0);

    // WHEN she restores it from Recently deleted
    await untilNextPage(a, () =>
      a
        .getByTestId('trash-item')
        .filter({ hasText: 'undo-me.txt' })
        .getByRole('button', { name: /restore/i })
        .click(),
    );
    // THEN both instances list it again with its bytes
    for (const files of (await viewsFromBothInstances(a)).values()) expect(files).toContain('undo-me.txt');

    // WHEN she deletes it again and undoes with the message's button
    await untilNextPage(a, () =>
      fileItem(a, 'undo-me.txt')
        .getByRole('button', { name: /delete/i })
        .click(),
    );
    await untilNextPage(a, () => a.getByTestId('undo').click());
    expect((await readPage(a)).files).toContain('undo-me.txt');

    // AND finally deletes it, then deletes it forever
    await untilNextPage(a, () =>
      fileItem(a, 'undo-me.txt')
        .getByRole('button', { name: /delete/i })
        .click(),
    );
    await untilNextPage(a, () =>
      a
        .getByTestId('trash-item')
        .filter({ hasText: 'undo-me.txt' })
        .getByRole('button', { name: /forever/i })
        .click(),
    );
    await expect(a.getByTestId('trash-item').filter({ hasText: 'undo-me.txt' }).count()).resolves.toBe(0);
    for (const files of (await viewsFromBothInstances(a)).values()) expect(files).not.toContain('undo-me.txt');
  });

  it('keeps the file when the confirmation is dismissed', async () => {
    const a = await alice.newPage();
    await a.goto(cluster.url);
    await uploadWithForm(a, [{ name: 'second-thoughts.txt', mimeType: 'text/plain', buffer: Buffer.from('stay') }]);
    const asked = new Promise<string>((resolve) =>
      a.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.message()))),
    );
    await fileItem(a, 'second-thoughts.txt')
      .getByRole('button', { name: /delete/i })
      .click();
    expect(await asked).toContain('Delete second-thoughts.txt?');
    await a.reload();
    expect((await readPage(a)).files).toContain('second-thoughts.txt');
  });
});

describe('sign-in at the local load balancer (--auth)', () => {
  let cluster: ClusterProcess;

  beforeAll(async () => {
    cluster = await startClusterProcess({ instances: 2, auth: true });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  async function signIn(context: BrowserContext, name: string, admin = false): Promise<Page> {
    const page = await context.newPage();
    await page.goto(cluster.url);
    await page.getByTestId('sign-in-user').fill(name);
    if (admin) await page.getByTestId('sign-in-admin').check();
    await untilNextPage(page, () => page.getByTestId('sign-in-submit').click());
    return page;
  }

  it('signs in through the balancer, owns uploads by user, lets an admin delete them, and signs out of both sessions', async () => {
    // GIVEN Carol signed in and uploaded
    const carol = await browser.newContext();
    const page = await signIn(carol, 'carol');
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('carol');
    await uploadWithForm(page, [{ name: 'carol.txt', mimeType: 'text/plain', buffer: Buffer.from('signed in') }]);
    await expect(fileItem(page, 'carol.txt').getByTestId('yours').count()).resolves.toBe(1);
    await saveScreenshot(page, 'signed-in');

    // WHEN an admin signs in elsewhere
    const ops = await browser.newContext();
    const admin = await signIn(ops, 'ops', true);
    // THEN the admin sees Delete on Carol's file (but not "yours") and can take it down
    await expect(admin.getByText('admin', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(fileItem(admin, 'carol.txt').getByTestId('yours').count()).resolves.toBe(0);
    admin.on('dialog', (dialog) => void dialog.accept());
    await untilNextPage(admin, () =>
      fileItem(admin, 'carol.txt')
        .getByRole('button', { name: /delete/i })
        .click(),
    );
    expect((await readPage(admin)).files).not.toContain('carol.txt');

    // WHEN Carol signs out
    await untilNextPage(page, () => page.getByTestId('sign-out').click());
    // THEN she lands on the IdP's signed-out page, the ALB session cookie is gone, and the site asks her to sign in
    await page.getByTestId('signed-out').waitFor();
    expect((await carol.cookies()).filter((c) => c.name.startsWith('AWSELBAuthSessionCookie'))).toEqual([]);
    await page.goto(cluster.url);
    await page.getByTestId('sign-in-user').waitFor();
    await carol.close();
    await ops.close();
  });

  it('never trusts an x-amzn-oidc-data header a client sends itself', async () => {
    const forged = await fetch(`${cluster.url}/api/files`, {
      headers: { 'x-amzn-oidc-data': 'forged.header.value' },
      redirect: 'manual',
    });
    expect(forged.status).toBe(302);
  });
});
