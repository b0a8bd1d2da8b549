import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVE_MAIN, startWebappProcess, type WebappProcess } from '../testing/reliability/webapp-process';

// What `nx run webapp:serve` runs: the local cloud's serve program, its backends persisted under DATA_DIR.
const dataDir = mkdtempSync(path.join(tmpdir(), 'webapp-embedded-'));
const env = { DATA_DIR: dataDir, SWEEP_INTERVAL_SECONDS: '0' };
let webapp: WebappProcess | undefined;

afterAll(async () => {
  await webapp?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local default (webapp:serve)', () => {
  it('keeps uploads across a restart of the process', async () => {
    // GIVEN a file uploaded through webapp:serve, which is then stopped
    webapp = await startWebappProcess('serve-1', env, SERVE_MAIN);
    const form = new FormData();
    form.append('file', new Blob(['kept across restarts']), 'kept.txt');
    const uploaded = await fetch(`${webapp.url}/api/files`, { method: 'POST', body: form });
    expect(uploaded.status).toBe(201);
    const [record] = ((await uploaded.json()) as { files: { id: string }[] }).files;
    await webapp.stop();

    // WHEN it starts again on the same DATA_DIR
    webapp = await startWebappProcess('serve-2', env, SERVE_MAIN);

    // THEN the file is still listed and its bytes are intact
    const listing = (await (await fetch(`${webapp.url}/api/files`)).json()) as {
      files: { id: string; name: string }[];
    };
    expect(listing.files.map((f) => [f.id, f.name])).toEqual([[record.id, 'kept.txt']]);
    expect(await (await fetch(`${webapp.url}/files/${record.id}`)).text()).toBe('kept across restarts');
  });
});
