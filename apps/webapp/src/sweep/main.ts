import { sweep } from '@ha-uploads/files';
import { createAppMetrics } from '../startup/app-metrics';
import { createLogger } from '../startup/logger';
import { composeServices } from '../startup/compose-services';
import { loadConfigOrExit } from '@ha-uploads/config';
import { parseCli, runCli } from '@ha-uploads/process';

const SWEEP_USAGE = `usage: nx run webapp:sweep
  one sweep with the configured grace period (SWEEP_GRACE_SECONDS); prints what it removed`;

/** `nx run webapp:sweep`: one sweep with the configured grace period, prints what it removed, exits. */
async function main(): Promise<void> {
  parseCli(process.argv.slice(2), { options: {} });
  const config = loadConfigOrExit(process.env);
  const logger = createLogger({ instanceId: config.instanceId ?? 'sweep', level: config.logLevel });
  const metrics = createAppMetrics(config, config.instanceId ?? 'sweep', logger);
  const services = await composeServices(config, logger);
  try {
    const report = await sweep(services.sweep);
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
    await services.close();
  }
}

runCli(main, {
  usage: SWEEP_USAGE,
  describeFailure: (err) => `sweep failed: ${err instanceof Error ? err.message : String(err)}`,
});
