import { al2023ImageId } from './ami';

describe('al2023ImageId', () => {
  it.each([
    ['t3.small', 'x86_64'],
    ['g4dn.xlarge', 'x86_64'],
    ['t4g.small', 'arm64'],
    ['m7gd.large', 'arm64'],
  ])('resolves %s to the %s parameter', (instanceType, arch) => {
    expect(al2023ImageId(instanceType)).toBe(`resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}`);
  });
});
