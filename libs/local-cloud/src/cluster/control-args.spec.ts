import { parseControlArgs } from './control-args';

describe('parseControlArgs', () => {
  it('rolls with min healthy 100% and one instance above capacity by default', () => {
    expect(parseControlArgs(['roll'])).toEqual({
      operation: 'roll',
      dataDir: undefined,
      minHealthyPercentage: 100,
      maxHealthyPercentage: undefined,
    });
  });

  it('reads the percentages and the data dir', () => {
    expect(
      parseControlArgs(['roll', '--min-healthy-percentage=50', '--max-healthy-percentage', '150', '--data-dir=/tmp/c']),
    ).toEqual({
      operation: 'roll',
      dataDir: '/tmp/c',
      minHealthyPercentage: 50,
      maxHealthyPercentage: 150,
    });
  });

  it('rejects a min healthy percentage out of range, naming the flag and value', () => {
    expect(() => parseControlArgs(['roll', '--min-healthy-percentage=120'])).toThrow(
      '--min-healthy-percentage must be a whole number from 0 to 100, got "120"',
    );
  });

  it('scales to the given instance count', () => {
    expect(parseControlArgs(['scale', '--instances=2'])).toEqual({
      operation: 'scale',
      dataDir: undefined,
      instances: 2,
    });
  });

  it('requires --instances to scale', () => {
    expect(() => parseControlArgs(['scale'])).toThrow('--instances is required, e.g. --instances=2');
  });

  it('rejects an unknown operation', () => {
    expect(() => parseControlArgs(['reboot'])).toThrow('the operation must be roll or scale, got "reboot"');
  });
});
