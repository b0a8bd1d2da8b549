import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonBody } from './hcl-body';
import { convertToHcl } from './hcl-document';
import { exportReadme } from './export-readme';
import { localStateFileName, withPortableBackend } from './portable-backend';
import type { ProvidersSchema } from './provider-schema';
import { replaceFolder } from './replace-folder';

/** Options of {@link exportStack}. */
export interface ExportStackOptions {
  /** A synthesized stack: the folder holding cdk.tf.json (and assets/). */
  readonly stackDir: string;
  /** Folder to write; replaced whole. */
  readonly outDir: string;
  /** `terraform providers schema -json` of the stack's providers. */
  readonly schema: ProvidersSchema;
  readonly stackName: string;
  readonly environment: string;
  /** terraform executable: when given, `terraform fmt` aligns the files (whitespace only). @default - unformatted */
  readonly terraform?: string;
}

/** Writes the stack as native-syntax `.tf` files, its assets (byte for byte, same relative paths) and a README. */
export function exportStack(options: ExportStackOptions): string[] {
  const config = withPortableBackend(
    JSON.parse(readFileSync(join(options.stackDir, 'cdk.tf.json'), 'utf8')) as JsonBody,
  );
  const files = convertToHcl(config, options.schema);
  const names = Object.keys(files).sort();
  replaceFolder(options.outDir, (dir) => {
    for (const name of names) writeFileSync(join(dir, name), files[name]);
    const assets = join(options.stackDir, 'assets');
    if (existsSync(assets)) cpSync(assets, join(dir, 'assets'), { recursive: true });
    writeFileSync(
      join(dir, 'README.md'),
      exportReadme({
        stackName: options.stackName,
        environment: options.environment,
        files: names,
        backend: backendType(config),
        localStateFile: localStateFileName(config),
      }),
    );
    // `terraform` is the resolved executable and fmt reads nothing else, so it runs with none of the caller's
    // environment.
    if (options.terraform)
      execFileSync(options.terraform, ['fmt', '-no-color', dir], { stdio: 'pipe', env: { CHECKPOINT_DISABLE: '1' } });
  });
  return names;
}

function backendType(config: JsonBody): string | undefined {
  const terraform = config.terraform as { backend?: Record<string, unknown> } | undefined;
  return terraform?.backend ? Object.keys(terraform.backend)[0] : undefined;
}
