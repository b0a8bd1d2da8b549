import { sweep } from '@ha-uploads/files';
import { createAppMetrics } from '../startup/app-metrics';
import { createLogger } from '../startup/logger';
import { openStorage } from '../startup/open-storage';
import { loadConfigOrExit } from '@ha-uploads/config';

/** `nx run webapp:sweep`: one sweep with the configured grace period, prints what it removed, exits. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const logger = createLogger({ instanceId: config.instanceId ?? 'sweep', level: config.logLevel });
  const metrics = createAppMetrics(config, config.instanceId ?? 'sweep', logger);
  const storage = await openStorage(config, logger);
  try {
    const report = await sweep({
      catalog: storage.catalog,
      blobs: storage.blobs,
      multipart: storage.multipart,
      graceSeconds: config.sweepGraceSeconds,
      trashRetentionSeconds: config.auth.deleteRetentionHours * 3600,
    });
    console.log(
      `sweep removed ${report.staleEntries.length} stale entries and ${report.expiredTrash.length} expired deleted files, ` +
        `adopted ${report.adoptedObjects.length} objects without an entry, ` +
        `left ${report.foreignObjects.length} foreign objects alone ` +
        `(grace ${config.sweepGraceSeconds} s)`,
    );
    for (const id of report.staleEntries) console.log(`  entry   ${id}`);
    for (const id of report.expiredTrash) console.log(`  trash   ${id}`);
    for (const key of report.adoptedObjects) console.log(`  adopted ${key}`);
    for (const key of report.foreignObjects) console.log(`  foreign ${key}`);
    metrics.swept(report.staleEntries.length + report.adoptedObjects.length);
  } finally {
    await metrics.flush();
    await storage.close();
  }
}

main().catch((err: unknown) => {
  console.error('sweep failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
