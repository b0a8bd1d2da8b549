import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runClusterControl } from '../testing/cluster-cli';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'webapp-no-cluster-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('webapp:roll and webapp:scale without a running cluster', () => {
  it('refuses to roll with a clear message and a non-zero exit', async () => {
    const run = await runClusterControl(['roll', `--data-dir=${dataDir}`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `roll failed (NO_CLUSTER): no cluster is running with data in ${dataDir}; start one with \`npx nx run webapp:cluster\``,
    );
  });

  it('treats a control file left by a cluster that is gone as no cluster', async () => {
    // GIVEN a control file whose process no longer exists (pid 2^22 + 1 is above Linux's pid_max)
    await writeFile(
      path.join(dataDir, 'control.json'),
      JSON.stringify({ url: 'http://127.0.0.1:9', token: 't', pid: 4_194_305 }),
    );
    const run = await runClusterControl(['scale', '--instances=2', `--data-dir=${dataDir}`]);
    expect([run.code, run.stderr]).toEqual([1, expect.stringContaining('scale failed (NO_CLUSTER)')]);
  });

  it('refuses a bad flag with exit code 2 before looking for a cluster', async () => {
    const run = await runClusterControl(['roll', '--min-healthy-percentage=101', `--data-dir=${dataDir}`]);
    expect([run.code, run.stderr.trim()]).toEqual([
      2,
      '--min-healthy-percentage must be a whole number from 0 to 100, got "101"',
    ]);
  });
});
