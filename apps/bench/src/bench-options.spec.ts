import { parseBenchArgs } from './bench-options';

const now = new Date('2025-01-02T03:04:05.678Z');

describe('parseBenchArgs', () => {
  it('runs every scenario by default', () => {
    const everyScenario = ['upload', 'direct', 'limits', 'concurrent', 'list', 'rps', 'roll', 'coldstart', 'infra'];
    expect([...parseBenchArgs([], '/repo', now).only]).toEqual(everyScenario);
  });

  it('runs only the scenarios --only names', () => {
    expect([...parseBenchArgs(['--only=list,rps'], '/repo', now).only]).toEqual(['list', 'rps']);
  });

  it('rejects an unknown scenario and names it', () => {
    expect(() => parseBenchArgs(['--only=upload,nap'], '/repo', now)).toThrow('got nap');
  });

  it('writes the report under dist/bench with a timestamp by default', () => {
    expect(parseBenchArgs([], '/repo', now).out).toBe('/repo/dist/bench/bench-2025-01-02T03-04-05-678Z.json');
  });

  it('uses a 1 GiB upload in the full plan', () => {
    expect(parseBenchArgs([], '/repo', now).plan.uploads.at(-1)?.size).toBe(1024 * 1024 * 1024);
  });

  it('runs the webapp on this Node unless --node names another, resolved from the working directory', () => {
    expect(parseBenchArgs([], '/repo', now, '/usr/bin/node').node).toBe('/usr/bin/node');
    expect(parseBenchArgs(['--node=tools/node22/bin/node'], '/repo', now, '/usr/bin/node').node).toBe(
      '/repo/tools/node22/bin/node',
    );
  });

  it('shrinks the largest upload with --quick', () => {
    expect(parseBenchArgs(['--quick'], '/repo', now).plan.uploads.at(-1)?.size).toBeLessThan(1024 * 1024 * 1024);
  });
});
