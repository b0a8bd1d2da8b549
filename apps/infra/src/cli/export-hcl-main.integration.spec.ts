import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// `nx run infra:export-hcl` runs this entry point; bad input must stop it before any synth, in one line.
const WORKSPACE = join(__dirname, '..', '..', '..', '..');
const TSX = join(WORKSPACE, 'node_modules', '.bin', 'tsx');

function exportHcl(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(TSX, [join(__dirname, 'export-hcl-main.ts'), ...args], {
    cwd: WORKSPACE,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

describe('infra:export-hcl', () => {
  it('stops with one line and exit code 2 naming an --env that has no environment file', () => {
    const { status, stderr } = exportHcl(['--env=staging-x']);
    expect(status).toBe(2);
    expect(stderr).toMatch(
      /^--env: must name an environment file in apps\/infra\/environments \(.*\), got "staging-x"$/,
    );
  });

  it('stops with one line naming a DEPLOY_ENV that has no environment file', () => {
    const { status, stderr } = exportHcl([], { DEPLOY_ENV: 'nowhere' });
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /^DEPLOY_ENV: must name an environment file in apps\/infra\/environments \(.*\), got "nowhere"$/,
    );
  });

  it('rejects an option it does not know with exit code 2', () => {
    const { status, stderr } = exportHcl(['--environment=dev']);
    expect(status).toBe(2);
    expect(stderr).toContain("Unknown option '--environment'");
  });
});
