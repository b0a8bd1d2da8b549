import { loadConfigOrExit } from './load-config';
import { serveMalwareScan } from './serve-args';

/**
 * With `--malware-scan` (webapp:serve), the local backends and scanner, started before the config that must name
 * their results queue; undefined without the flag.
 */
export async function startServeBackends(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[]
): Promise<{ readonly env: Readonly<Record<string, string>>; close(): Promise<void> } | undefined> {
  const malwareScan = serveMalwareScan(argv);
  if (!malwareScan) return undefined;
  // Imported on demand so the production bundle never loads the local stand-ins.
  const { startServeBackendsWithScanner } = await import('../local/serve-scanner');
  return startServeBackendsWithScanner(loadConfigOrExit(env), malwareScan);
}
