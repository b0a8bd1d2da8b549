import path from 'node:path';
import { runCli } from '@ha-uploads/process';
import { loadConfigOrExit } from '@ha-uploads/config';
import { callCluster } from './control-client';
import { CONTROL_USAGE, parseControlArgs } from './control-args';

/** `nx run webapp:roll` and `nx run webapp:scale`: operate the running local cluster through its control endpoint. */
async function main(): Promise<void> {
  const args = parseControlArgs(process.argv.slice(2));
  const config = loadConfigOrExit(process.env);
  const dataDir = path.resolve(args.dataDir ?? path.join(config.dataDir, 'cluster'));
  const body =
    args.operation === 'roll'
      ? { minHealthyPercentage: args.minHealthyPercentage, maxHealthyPercentage: args.maxHealthyPercentage }
      : { instances: args.instances };
  const outcome = await callCluster(dataDir, args.operation, body, (line) => console.log(line));
  if (outcome.ok) return;
  console.error(`${args.operation} failed (${outcome.code}): ${outcome.message}`);
  process.exitCode = 1;
}

runCli(main, { usage: CONTROL_USAGE });
