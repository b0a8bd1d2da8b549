// Jest globalSetup/globalTeardown: cdktf's Testing helpers synthesize into fresh /tmp/cdktf.outdir.* folders and
// never remove them; remove the ones this run created (the set is recorded before any test starts).
const { readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const PREFIXES = ['cdktf.outdir.', 'infra-'];
const listed = () => new Set(readdirSync(tmpdir()).filter((name) => PREFIXES.some((prefix) => name.startsWith(prefix))));

module.exports = {
  setup() {
    globalThis.__infraTempBefore = listed();
  },
  teardown() {
    const before = globalThis.__infraTempBefore ?? new Set();
    for (const name of listed()) if (!before.has(name)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  },
};
