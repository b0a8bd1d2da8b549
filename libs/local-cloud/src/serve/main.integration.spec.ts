import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killChild, startChild, workspaceRoot } from '@ha-uploads/process';

const SERVE_MAIN = 'libs/local-cloud/src/serve/main.ts';

describe('the serve program (webapp:serve)', () => {
  let dataDir: string;
  let serve: ChildProcess;
  let url: string;
  let s3Endpoint: string;

  beforeAll(async () => {
    // GIVEN the local S3 and DynamoDB and one webapp, started the way webapp:serve starts them
    dataDir = mkdtempSync(join(tmpdir(), 'serve-main-'));
    let s3 = '';
    const started = await startChild(process.execPath, ['--import', 'tsx', SERVE_MAIN, '--port=0'], {
      cwd: workspaceRoot(),
      env: { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', SWEEP_INTERVAL_SECONDS: '0' },
      name: 'serve',
      ready: (line) => {
        s3 ||= /backends: S3 (\S+),/.exec(line)?.[1] ?? '';
        // Printed once the webapp listens and the bucket allows its page.
        return /^ready: (http:\/\/\S+)/.exec(line)?.[1];
      },
    });
    serve = started.child;
    url = started.ready;
    s3Endpoint = s3;
  });

  afterAll(async () => {
    await killChild(serve);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the webapp on the port it was given', async () => {
    // WHEN its health is asked for
    const res = await fetch(`${url}/healthz`);
    // THEN the webapp answers
    expect(res.status).toBe(200);
  });

  it("lets the page's origin send parts straight to the local bucket", async () => {
    // WHEN the browser would preflight a part upload from the page's origin
    const origin = `http://localhost:${new URL(url).port}`;
    const headers = { Origin: origin, 'Access-Control-Request-Method': 'PUT' };
    const res = await fetch(`${s3Endpoint}/uploads-local/probe`, { method: 'OPTIONS', headers });
    // THEN the bucket's CORS rule allows it
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('stops the webapp and the backends on SIGTERM, exiting 0', async () => {
    // WHEN the program is asked to stop
    const exited = once(serve, 'exit');
    serve.kill('SIGTERM');
    // THEN it exits cleanly once the webapp drained
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
