// Jest globalSetup/globalTeardown: cdktf's Testing helpers (and our own specs) write into fresh folders under the
// temp dir and never remove them all. Each run gets a temp dir of its own, which the workers inherit through
// TMPDIR, and teardown removes it whole, so a run never touches the folders of another run on the same machine.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = {
  setup() {
    const runDir = mkdtempSync(join(tmpdir(), 'infra-jest-run-'));
    globalThis.__infraTempRun = { runDir, previous: process.env.TMPDIR };
    process.env.TMPDIR = runDir;
  },
  teardown() {
    const run = globalThis.__infraTempRun;
    if (!run) return;
    if (run.previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = run.previous;
    rmSync(run.runDir, { recursive: true, force: true });
  },
};
