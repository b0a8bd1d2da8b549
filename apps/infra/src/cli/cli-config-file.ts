import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type ProviderInstallation, providerCliConfig } from '@ha-uploads/terraform-toolbox';

/**
 * The TF_CLI_CONFIG_FILE to run terraform with: the user's own when it exists, else `file`, written with the provider
 * installation. A machine-wide setting naming a missing file would make terraform print a warning block on every run.
 */
export function cliConfigFileFor(
  userFile: string | undefined,
  installation: ProviderInstallation,
  file: string,
): string {
  if (userFile && existsSync(userFile)) return userFile;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, providerCliConfig(installation));
  return file;
}
