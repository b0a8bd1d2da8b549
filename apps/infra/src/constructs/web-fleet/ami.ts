const AL2023_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default';

/** Whether an instance type runs on Graviton (arm64): a `g` after the generation digit, as in t4g or m7gd. */
export function isGravitonInstanceType(instanceType: string): boolean {
  return /^[a-z]+\d+[a-z]*g[a-z]*\./.test(instanceType);
}

/** Amazon Linux 2023 for the instance type's architecture, resolved by EC2 at launch so planning looks nothing up. */
export function al2023ImageId(instanceType: string): string {
  return `resolve:ssm:${AL2023_PARAMETER}-${isGravitonInstanceType(instanceType) ? 'arm64' : 'x86_64'}`;
}
