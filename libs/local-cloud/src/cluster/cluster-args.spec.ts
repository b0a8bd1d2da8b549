import { parseClusterArgs } from './cluster-args';

describe('parseClusterArgs', () => {
  it('defaults to 2 instances on :8080 without stickiness', () => {
    expect(parseClusterArgs([])).toEqual({
      instances: 2,
      sticky: false,
      port: 8080,
      dataDir: undefined,
      bundle: false,
      auth: false,
    });
  });

  it('reads every flag', () => {
    expect(
      parseClusterArgs(['--instances=3', '--sticky', '--port', '0', '--data-dir=/tmp/x', '--bundle', '--auth']),
    ).toEqual({
      instances: 3,
      sticky: true,
      port: 0,
      dataDir: '/tmp/x',
      bundle: true,
      auth: true,
    });
  });

  it('rejects an instance count of zero, naming the flag and value', () => {
    expect(() => parseClusterArgs(['--instances=0'])).toThrow(
      '--instances must be a whole number from 1 to 16, got "0"',
    );
  });

  it('rejects an unknown flag', () => {
    expect(() => parseClusterArgs(['--stickyy'])).toThrow(/stickyy/);
  });
});
