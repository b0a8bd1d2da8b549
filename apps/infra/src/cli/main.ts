import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadInfraEnv } from '@ha-uploads/config';
import { ENVIRONMENTS_DIR, loadEnvironmentConfig } from '../config/environment-file';
import { ENVIRONMENT_OPTIONS, selectEnvironment, splitEnvironmentArguments } from '../config/select-environment';
import { parseCli, runCli } from '@ha-uploads/process';
import { preflight } from '@ha-uploads/terraform-toolbox';
import { describeProviderInstallation } from '@ha-uploads/terraform-toolbox';
import { workspaceProviderInstallation } from '@ha-uploads/terraform-toolbox';
import { cliConfigFileFor } from './cli-config-file';
import { cdktfInvocation, cdktfOutputEnv, INFRA_COMMANDS, parseInfraCommand } from './infra-command';

const USAGE = `usage: nx run infra:<command> [--env=<name>] [cdktf args]
  <command>: ${INFRA_COMMANDS.join(', ')}; checks the AWS account first (not for output), runs cdktf,
  and after a deploy waits for the instance refresh; other arguments (e.g. --auto-approve) go to cdktf`;

// The infra commands (USAGE), with the provider installation of infra:plan. Reads the environment once.
async function main(): Promise<number> {
  // Only the environment flags and --help are ours; every other argument is cdktf's, so it is passed on unparsed.
  const { own, rest } = splitEnvironmentArguments(process.argv.slice(2));
  const { values } = parseCli(own, { options: ENVIRONMENT_OPTIONS });
  const [commandName, ...cdktfArgs] = rest;
  const command = parseInfraCommand(commandName);
  const environment = selectEnvironment(values, process.env.DEPLOY_ENV?.trim() || 'dev');
  const env: NodeJS.ProcessEnv = { ...process.env, DEPLOY_ENV: environment };
  const infraEnv = loadInfraEnv(env);
  const config = loadEnvironmentConfig(infraEnv.deployEnv, env);
  const environmentFile = relative(process.cwd(), join(ENVIRONMENTS_DIR, `${environment}.json`));
  const invocation = cdktfInvocation(command, config, environmentFile, cdktfArgs);

  if (invocation.preflight) {
    const identity = await preflight({
      config,
      environmentFile,
      stsEndpoint: env.AWS_ENDPOINT_URL_STS || undefined,
      regionFromEnvironment: Boolean(env.AWS_REGION),
    });
    console.log(
      `account ${identity.account} (${identity.arn}), region ${identity.region}, environment ${config.environment}`,
    );
  }
  const installation = workspaceProviderInstallation(infraEnv, homedir(), process.cwd());
  console.log(describeProviderInstallation(installation));
  const cliConfigFile = cliConfigFileFor(env.TF_CLI_CONFIG_FILE, installation, resolve('tmp', 'terraform.tfrc'));
  const cdktf = env.INFRA_CDKTF_BIN || resolve('node_modules', '.bin', 'cdktf');
  const cdktfEnv = {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    CHECKPOINT_DISABLE: '1',
    DISABLE_VERSION_CHECK: 'true',
  };
  const code = await run(cdktf, invocation.args, { ...cdktfEnv, ...cdktfOutputEnv(process.stdout.isTTY === true) });
  if (code !== 0 || !invocation.refreshOutputsFile) return code;
  // The apply only starts the instance refresh; the deploy is done when the fleet runs the new version.
  const tsx = resolve('node_modules', '.bin', 'tsx');
  return run(
    tsx,
    [resolve('apps', 'infra', 'src', 'cli', 'deploy-wait-main.ts'), `--outputs-file=${invocation.refreshOutputsFile}`],
    env,
  );
}

/** Runs a command with inherited stdio and resolves to its exit code. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(command, args, { stdio: 'inherit', env });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done(code ?? 1));
  });
}

runCli(main, { usage: USAGE });
