import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from './chromium';
import { startClusterProcess, type ClusterProcess } from './cluster-process';

/** How long Chromium and a cluster may take to start. */
const START_TIMEOUT_MS = 180_000;

/** Reads a value that exists only once the spec file's hooks have run. */
function started<T>(value: () => T | undefined, what: string): () => T {
  return () => {
    const current = value();
    if (current === undefined) throw new Error(`${what} is not started: read it inside hooks and tests`);
    return current;
  };
}

/**
 * Chromium and a local cluster started with `options` before the spec file's tests and closed after; the returned
 * functions read them inside hooks and tests.
 */
export function useBrowserAndCluster(options: Parameters<typeof startClusterProcess>[0]): {
  browser: () => Browser;
  cluster: () => ClusterProcess;
} {
  let browser: Browser | undefined;
  let cluster: ClusterProcess | undefined;
  beforeAll(async () => {
    [browser, cluster] = await Promise.all([launchChromium(), startClusterProcess(options)]);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });
  return { browser: started(() => browser, 'the browser'), cluster: started(() => cluster, 'the cluster') };
}

/** A fresh browser context (no cookies: a first-time visitor) for each test, closed after it. */
export function useFreshContext(browser: () => Browser): () => BrowserContext {
  let context: BrowserContext | undefined;
  beforeEach(async () => {
    context = await browser().newContext();
  });
  afterEach(async () => {
    await context?.close();
  });
  return started(() => context, 'the context');
}
