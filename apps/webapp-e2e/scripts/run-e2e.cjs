#!/usr/bin/env node
// Runs the browser tests when Debian's Chromium is installed. On a developer machine without it this
// prints how to install it and exits 0 (npm test needs only `npm ci`); under CI=true a missing browser fails.
const { execFileSync, spawnSync } = require('node:child_process');

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

if (!hasChromium()) {
  const message = 'webapp-e2e: Chromium is not installed (apt-get install -y chromium); browser tests not run.';
  if (process.env.CI === 'true') {
    console.error(message);
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}

const jest = require.resolve('jest/bin/jest');
const result = spawnSync(process.execPath, [jest, '-c', 'apps/webapp-e2e/jest.e2e.config.cjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
