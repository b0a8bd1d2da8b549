const AL2023_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default';

/** Whether an instance type runs on Graviton (arm64): a `g` after the generation digit, as in t4g or m7gd. */
export function isGravitonInstanceType(instanceType: string): boolean {
  return /^[a-z]+\d+[a-z]*g[a-z]*\./.test(instanceType);
}

/** The public SSM parameter naming the latest Amazon Linux 2023 AMI for the instance type's architecture. */
export function al2023Parameter(instanceType: string): string {
  return `${AL2023_PARAMETER}-${isGravitonInstanceType(instanceType) ? 'arm64' : 'x86_64'}`;
}

/** The AMI id the offline plan puts where the parameter's value would be: it reads no AWS. */
export const OFFLINE_IMAGE_ID = 'ami-00000000000000000';
