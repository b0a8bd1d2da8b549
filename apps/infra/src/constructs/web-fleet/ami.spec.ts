import { al2023Parameter } from './ami';

describe('al2023Parameter', () => {
  it.each([
    ['t3.small', 'x86_64'],
    ['g4dn.xlarge', 'x86_64'],
    ['t4g.small', 'arm64'],
    ['m7gd.large', 'arm64'],
  ])('reads %s from the %s parameter', (instanceType, arch) => {
    expect(al2023Parameter(instanceType)).toBe(
      `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}`,
    );
  });
});
