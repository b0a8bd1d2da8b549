import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { workspaceRoot } from '@ha-uploads/process';

const run = promisify(execFile);

interface LintMessage {
  readonly ruleId: string | null;
  readonly message: string;
}

// One ESLint process (the Node API, the workspace's real flat config) lints every fixture: loading it takes seconds.
const LINT_SCRIPT = `
import { ESLint } from 'eslint';
const fixtures = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const out = {};
for (const [name, { file, source }] of Object.entries(fixtures)) {
  const [result] = await eslint.lintText(source, { filePath: file });
  out[name] = result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}
process.stdout.write(JSON.stringify(out));
`;

/** Lints each fixture's `source` as if it were the file `file` (relative to the workspace root). */
async function lintAll(
  fixtures: Record<string, { file: string; source: string }>,
): Promise<Record<string, LintMessage[]>> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', LINT_SCRIPT, JSON.stringify(fixtures)], {
    cwd: workspaceRoot(),
    timeout: 170_000,
    maxBuffer: 10 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Record<string, LintMessage[]>;
}

const boundaryErrors = (messages: LintMessage[]) =>
  messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries');

// A file that would sit in the domain, next to file-service.ts: deliberate bad imports, and one good one.
const DOMAIN_FILE = 'libs/files/src/lib/deliberately-bad-import.ts';
const FIXTURES = {
  storage: {
    file: DOMAIN_FILE,
    source: "import { S3BlobStore } from '@ha-uploads/storage';\n\nexport const store = S3BlobStore;\n",
  },
  awsSdk: {
    file: DOMAIN_FILE,
    source: "import { S3Client } from '@aws-sdk/client-s3';\n\nexport const client = S3Client;\n",
  },
  koa: { file: DOMAIN_FILE, source: "import type { Context } from 'koa';\n\nexport type Ctx = Context;\n" },
  httpErrors: {
    file: DOMAIN_FILE,
    source: "import { AppError } from '../../../../apps/webapp/src/http/errors';\n\nexport const error = AppError;\n",
  },
  own: {
    file: DOMAIN_FILE,
    source: "import { NotFoundError } from './errors';\n\nexport const error = NotFoundError;\n",
  },
};

describe('module boundaries (the lint rule the build runs)', () => {
  let results: Record<keyof typeof FIXTURES, LintMessage[]>;

  beforeAll(async () => {
    // WHEN each fixture is linted
    results = (await lintAll(FIXTURES)) as typeof results;
  }, 180_000);

  it('rejects the domain importing the AWS adapters library', () => {
    // GIVEN a domain file that reaches outward to storage / THEN the boundary rule fails it (storage already
    // depends on the domain, so Nx names the cycle before the tags)
    expect(boundaryErrors(results.storage).map((e) => e.message)).toEqual([
      expect.stringMatching(/"files" and "storage"|type:domain/),
    ]);
  });

  it('rejects the domain importing the AWS SDK', () => {
    expect(boundaryErrors(results.awsSdk).map((e) => e.message)).toEqual([
      expect.stringContaining('"@aws-sdk/client-s3"'),
    ]);
  });

  it('rejects the domain importing koa', () => {
    expect(boundaryErrors(results.koa).map((e) => e.message)).toEqual([expect.stringContaining('"koa"')]);
  });

  it("rejects the domain importing the webapp's HTTP errors by a relative path", () => {
    expect(boundaryErrors(results.httpErrors)).not.toEqual([]);
  });

  it('accepts the domain importing its own modules', () => {
    expect(results.own).toEqual([]);
  });
});
