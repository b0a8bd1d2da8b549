import providerPackage from '@cdktf/provider-aws/package.json';

/** The AWS provider the prebuilt bindings were generated for, and so the version every synthesized stack pins. */
export const AWS_PROVIDER_PIN: { readonly source: string; readonly version: string } = {
  source: providerPackage.cdktf.provider.name,
  version: providerPackage.cdktf.provider.version,
};

/** The terraform platform of this machine, as a mirror or plugin cache names its folders (`linux_amd64`). */
export function terraformPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const os = platform === 'win32' ? 'windows' : platform;
  const cpu = arch === 'x64' ? 'amd64' : arch === 'ia32' ? '386' : arch;
  return `${os}_${cpu}`;
}
