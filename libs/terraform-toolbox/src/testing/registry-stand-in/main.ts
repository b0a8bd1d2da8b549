import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTerraform } from '../../lib/offline/terraform-cli';
import { machineProviderFolder } from './machine-provider';
import { startRegistryStandIn } from './registry-stand-in';

// `tsx libs/terraform-toolbox/src/testing/registry-stand-in/main.ts`: serves this machine's provider as the registry
// until
// stopped, and prints the two variables that send terraform to it (docs/deploy.md shows a whole no-mirror run).
async function main(): Promise<void> {
  const terraform = findTerraform(process.env.PATH);
  if (!terraform) throw new Error('terraform is not on PATH');
  const workDir = mkdtempSync(join(tmpdir(), 'registry-stand-in-'));
  const standIn = await startRegistryStandIn(await machineProviderFolder(terraform, join(workDir, 'fill')), workDir);
  console.log(`HTTPS_PROXY=${standIn.proxyUrl} SSL_CERT_FILE=${standIn.caFile}`);
  const stop = () => void standIn.close().then(() => rmSync(workDir, { recursive: true, force: true }));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
