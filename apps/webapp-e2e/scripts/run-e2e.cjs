#!/usr/bin/env node
// Runs the end-to-end tests: the browser tests when Chromium is installed, and the built bundle's smoke test on this
// machine's Node and again on the fleet's Node 22 (the npm registry's `node` package, through npx).
// Without Chromium, the browser tests are reported as skipped (in Jest's own totals) and the rest still runs; under
// CI=true a missing browser or a missing Node 22 fails.
const { execFileSync, spawnSync } = require('node:child_process');

const FLEET_NODE = 'node@22.23.3';
const CONFIG = ['-c', 'apps/webapp-e2e/jest.e2e.config.cjs'];
// The one spec that needs no browser.
const BUNDLE_SPEC = 'bundle\\.e2e\\.spec';
const ci = process.env.CI === 'true';

function hasChromium() {
  return ['chromium', 'chromium-browser', 'google-chrome'].some((name) => {
    try {
      execFileSync('which', [name], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The path of the fleet's Node binary, fetched once from the npm registry into npx's cache; undefined when it cannot be
 * had.
 */
function fleetNode() {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const found = spawnSync(npx, ['-y', '-p', FLEET_NODE, 'node', '-p', 'process.execPath'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function jest(args, env = process.env) {
  const result = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...CONFIG, ...args], {
    stdio: 'inherit',
    env,
  });
  return result.status ?? 1;
}

const extra = process.argv.slice(2);
let failed = false;
if (hasChromium()) {
  failed = jest(extra) !== 0 || failed;
} else {
  console.warn(
    'webapp-e2e: Chromium is not installed (apt-get install -y chromium); the browser tests are counted as skipped.',
  );
  if (ci) failed = true;
  failed = jest(['--testPathPatterns', BUNDLE_SPEC, ...extra]) !== 0 || failed;
  // Every other spec needs the browser. A name pattern that matches nothing: Jest counts each of their tests as
  // skipped and runs none of their hooks.
  failed = jest(['--testPathIgnorePatterns', BUNDLE_SPEC, '--testNamePattern', '(?!)', ...extra]) !== 0 || failed;
}

const node22 = fleetNode();
if (node22) {
  failed = jest(['--testPathPatterns', BUNDLE_SPEC, ...extra], { ...process.env, BUNDLE_NODE: node22 }) !== 0 || failed;
} else {
  console.warn(
    `webapp-e2e: could not get ${FLEET_NODE} from the npm registry; the bundle was not tested on the fleet's Node.`,
  );
  if (ci) failed = true;
}
process.exit(failed ? 1 : 0);
