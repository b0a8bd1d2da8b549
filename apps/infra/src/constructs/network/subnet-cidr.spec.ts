import { subnetCidr } from './subnet-cidr';

describe('subnetCidr', () => {
  it('splits a /16 into /20 blocks like cidrsubnet()', () => {
    expect(subnetCidr('10.0.0.0/16', 4, 0)).toBe('10.0.0.0/20');
    expect(subnetCidr('10.0.0.0/16', 4, 9)).toBe('10.0.144.0/20');
  });

  it('rejects a subnet number that does not fit', () => {
    expect(() => subnetCidr('10.0.0.0/16', 4, 16)).toThrow('subnet number must be below 16, got 16');
  });
});
