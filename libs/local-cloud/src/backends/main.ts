// Entry point of `nx run webapp:backends`: the local S3 and DynamoDB servers alone, persisted under
// DATA_DIR, so several webapp instances (S3_ENDPOINT/DYNAMODB_ENDPOINT) can share them.
import { runCli } from '@ha-uploads/process';
import { BACKENDS_USAGE, backendsEnvLines, parseBackendsArgs } from './backends-args';
import { startLocalBackends } from '../embedded-backends';
import { loadConfigOrExit } from '@ha-uploads/config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const args = parseBackendsArgs(process.argv.slice(2));
  const backends = await startLocalBackends({
    dataDir: config.dataDir,
    host: args.host,
    s3Port: args.s3Port,
    dynamodbPort: args.dynamodbPort,
    sqsPort: args.sqsPort,
    malwareScan: args.malwareScan,
    bucket: config.filesBucket,
    table: config.filesTable,
    limitsTable: config.limitsTable,
  });
  const scanEnv = backends.malwareScan?.env;
  const lines = backendsEnvLines({ ...backends, bucket: config.filesBucket, table: config.filesTable, scanEnv });
  process.stdout.write(
    [
      `S3 (local, SigV4)    ${backends.s3Endpoint}`,
      `DynamoDB (dynalite)  ${backends.dynamodbEndpoint}`,
      ...(scanEnv
        ? [`SQS (local)          ${scanEnv.SQS_ENDPOINT}, scanner on (${scanEnv.SCAN_UNSCANNABLE} unscannable)`]
        : []),
      `Data                 ${config.dataDir}`,
      '',
      'Point webapp instances at them with:',
      ...lines,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping the local backends\n`);
    backends.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`failed to stop cleanly: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

runCli(main, { usage: BACKENDS_USAGE });
