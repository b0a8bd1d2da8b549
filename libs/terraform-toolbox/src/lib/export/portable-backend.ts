import { basename } from 'node:path';
import type { JsonBody } from './hcl-body';

/**
 * The stack's configuration with a `local` backend's path cut to its file name: cdktf writes the exporting
 * workspace's absolute path, which means nothing on another machine. Terraform then resolves it in the folder it runs
 * from. Other backends (s3) name no local path and stay as they are.
 */
export function withPortableBackend(config: JsonBody): JsonBody {
  const terraform = config.terraform as { backend?: { local?: { path?: string } } } | undefined;
  const path = terraform?.backend?.local?.path;
  if (path === undefined) return config;
  return {
    ...config,
    terraform: { ...terraform, backend: { local: { ...terraform?.backend?.local, path: basename(path) } } },
  };
}

/** The local backend's state file name after {@link withPortableBackend}, or undefined for any other backend. */
export function localStateFileName(config: JsonBody): string | undefined {
  return (config.terraform as { backend?: { local?: { path?: string } } } | undefined)?.backend?.local?.path;
}
