import { userInfo } from 'node:os';
import { createLogger } from '../startup/logger';
import { loadConfigOrExit } from '@ha-uploads/config';
import { composeServices } from '../startup/compose-services';
import { runCli } from '@ha-uploads/process';
import { ADMIN_USAGE, parseAdminArgs } from './admin-args';
import { runAdminCommand, type AdminOutput } from './run-admin-command';
import { runMigrateCommand } from './run-migrate-command';
import { runRecoveryCommand } from './run-recovery-command';

/**
 * `nx run webapp:admin -- <command>`: the operator's take-down path, with the deployment's own config and
 * credentials (run it where the instances' environment and IAM role apply). Every change is logged with who and what.
 */
async function main(): Promise<void> {
  const command = parseAdminArgs(process.argv.slice(2));
  const config = loadConfigOrExit(process.env);
  const operator = process.env.ADMIN_OPERATOR ?? userInfo().username;
  const logger = createLogger({ instanceId: config.instanceId ?? 'admin-cli', level: config.logLevel });
  const services = await composeServices(config, logger);
  const { storage } = services;
  try {
    const out: AdminOutput = {
      print: (line) => console.log(line),
      audit: (details) =>
        logger.warn(
          { audit: 'admin', adminSource: 'cli', ...details },
          `admin ${details.action} of file ${details.fileId}`,
        ),
    };
    if (command.action === 'migrate-catalog') {
      await runMigrateCommand(
        storage.migrateCatalog({ startAfter: command.startAfter, shards: command.shards, replicas: command.replicas }),
        operator,
        out,
      );
    } else if (command.action === 'reconcile' || command.action === 'rebuild-catalog') {
      await runRecoveryCommand({ catalog: storage.catalog, blobs: storage.blobs }, command, operator, out);
    } else {
      await runAdminCommand(services.files, command, operator, out);
    }
  } finally {
    await services.close();
  }
}

runCli(main, {
  usage: ADMIN_USAGE,
  describeFailure: (err) =>
    `admin command failed: ${err instanceof Error ? `${(err as { code?: string }).code ?? ''} ${err.message}`.trim() : err}`,
});
