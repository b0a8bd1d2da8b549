import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, listen, workspaceRoot } from '@ha-uploads/process';

describe('nx run webapp:serve', () => {
  it('fails, with one line naming the port and --port, when the port is taken', async () => {
    // GIVEN a port something else holds
    const holder = createServer();
    const port = await listen(holder, 0, '127.0.0.1');
    const dataDir = mkdtempSync(join(tmpdir(), 'serve-target-'));
    try {
      // WHEN the target is run on it, through Nx as a newcomer would
      const nx = spawn(
        process.execPath,
        [require.resolve('nx/bin/nx'), 'run', 'webapp:serve', `--port=${port}`, '--output-style=static'],
        {
          cwd: workspaceRoot(),
          env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', DATA_DIR: dataDir, FORCE_COLOR: '0' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      nx.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      nx.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const [code] = await once(nx, 'close');
      // THEN Nx reports the target failed, after the server's one line
      expect(code).not.toBe(0);
      expect(output).toContain(
        `port ${port} on 127.0.0.1 is already in use; pass --port=N (npx nx run webapp:serve --port=N)`,
      );
    } finally {
      await closeServer(holder);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
