import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findWorkspaceRoot, stopChild, waitForReadyLine } from '@ha-uploads/process';

// What infra ships to EC2: dist/apps/webapp (built by the e2e target's dependency webapp:build), run from a folder
// with no node_modules anywhere above it.
const workspaceRoot = findWorkspaceRoot(__dirname);
const bundleDir = path.join(workspaceRoot, 'dist/apps/webapp');
const scratch = mkdtempSync(path.join(tmpdir(), 'webapp-bundle-'));
const children: ChildProcess[] = [];
// The Node that runs the bundle: this one, or BUNDLE_NODE (the e2e target also runs this spec on the fleet's Node 22).
const bundleNode = process.env.BUNDLE_NODE || process.execPath;
const bundleNodeVersion = execFileSync(bundleNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();

afterAll(async () => {
  for (const child of children.reverse()) await stopChild(child);
  rmSync(scratch, { recursive: true, force: true });
});

describe('the built bundle', () => {
  it(`serves uploads with node ${bundleNodeVersion} alone, no node_modules beside it`, async () => {
    // GIVEN the bundle copied away from the workspace, and local backends to point it at
    expect(existsSync(path.join(bundleDir, 'main.js'))).toBe(true);
    const appDir = path.join(scratch, 'app');
    cpSync(bundleDir, appDir, { recursive: true });
    expect(existsSync(path.join(appDir, 'node_modules'))).toBe(false);
    const backends = spawn(
      process.execPath,
      ['--import', 'tsx', 'libs/local-cloud/src/backends/main.ts', '--s3-port=0', '--dynamodb-port=0'],
      {
        cwd: workspaceRoot,
        env: { ...process.env, DATA_DIR: path.join(scratch, 'data') },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(backends);
    const s3Endpoint = waitForReadyLine(backends, (line) => /^export S3_ENDPOINT=(\S+)/.exec(line)?.[1]);
    const dynamodbEndpoint = waitForReadyLine(backends, (line) => /^export DYNAMODB_ENDPOINT=(\S+)/.exec(line)?.[1]);

    // WHEN the bundle starts in endpoints mode
    const webapp = spawn(bundleNode, ['main.js'], {
      cwd: appDir,
      env: {
        PATH: process.env.PATH,
        S3_ENDPOINT: await s3Endpoint,
        DYNAMODB_ENDPOINT: await dynamodbEndpoint,
        PORT: '0',
        HOST: '127.0.0.1',
        INSTANCE_ID: 'bundle-1',
        SWEEP_INTERVAL_SECONDS: '0',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(webapp);
    const port = await waitForReadyLine(
      webapp,
      (line) => /"msg":"listening on http:\/\/127\.0\.0\.1:(\d+)"/.exec(line)?.[1],
    );
    const url = `http://127.0.0.1:${port}`;

    // THEN it is ready, stores a file, lists it and serves it back byte for byte, page script included
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const body = 'shipped to EC2 as is';
    const form = new FormData();
    form.append('file', new Blob([body]), 'bundle.txt');
    const created = (await (await fetch(`${url}/api/files`, { method: 'POST', body: form })).json()) as {
      files: { id: string; sha256: string }[];
    };
    expect(created.files[0].sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(await (await fetch(`${url}/files/${created.files[0].id}`)).text()).toBe(body);
    const page = await (await fetch(url)).text();
    const script = /src="(\/assets\/app\.js[^"]*)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${url}${script}`)).status).toBe(200);
  });
});
