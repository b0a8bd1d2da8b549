import { setTimeout as sleep } from 'node:timers/promises';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { loadInfraEnv } from '@ha-uploads/config';
import { stackName } from '../build-app';
import { loadEnvironmentConfig } from '../config/environment-file';
import { runCli } from '@ha-uploads/process';
import {
  parseWaitCli,
  readDeployOutputs,
  startInstanceRefresh,
  WAIT_USAGE,
  waitForInstanceRefresh,
} from '@ha-uploads/terraform-toolbox';

// Run by `infra:deploy` after `cdktf deploy`: starts the stack's instance refresh (auto rollback on), waits for it and
// reports how it ended.
async function main(): Promise<number> {
  const cli = parseWaitCli(process.argv.slice(2));
  const config = loadEnvironmentConfig(loadInfraEnv(process.env).deployEnv, process.env);
  const outputs = readDeployOutputs(cli.outputsFile, stackName(config));
  const client = new AutoScalingClient({ region: config.region });
  const start = await startInstanceRefresh(client, outputs.autoScalingGroup, outputs.instanceRefresh);
  const rollback = outputs.instanceRefresh.preferences.auto_rollback ? 'on' : 'off';
  console.log(
    start.started
      ? `started instance refresh ${start.id} (auto rollback ${rollback})`
      : `no instance refresh started: ${start.reason}`,
  );
  console.log(
    `waiting for ${outputs.autoScalingGroup} to run launch template version ${outputs.launchTemplateVersion}`,
  );
  const outcome = await waitForInstanceRefresh({
    client,
    groupName: outputs.autoScalingGroup,
    desiredVersion: outputs.launchTemplateVersion,
    sleep: (ms) => sleep(ms),
    now: () => performance.now(),
    log: (line) => console.log(line),
    intervalMs: cli.intervalMs,
    timeoutMs: cli.timeoutMs,
  });
  (outcome.ok ? console.log : console.error)(outcome.summary);
  return outcome.ok ? 0 : 1;
}

runCli(main, {
  usage: WAIT_USAGE,
  describeFailure: (err) => `infra deploy: ${err instanceof Error ? err.message : String(err)}`,
});
