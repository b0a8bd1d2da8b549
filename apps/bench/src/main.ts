// Entry point of `nx run webapp:bench`: starts the local backends and the built bundle, runs the scenarios
// below, prints a table and writes a JSON report. A benchmark script, not a test: it asserts nothing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WEBAPP_DEFAULTS } from '@ha-uploads/config';
import { createAwsClients, type AwsClients } from '@ha-uploads/storage';
import type { BenchContext } from './bench-context';
import { runCli } from '@ha-uploads/process';
import { BENCH_USAGE, parseBenchArgs, type ScenarioName } from './bench-options';
import { runColdStartScenario } from './cold-start-scenario';
import { runConcurrentScenario } from './concurrent-scenario';
import { runInfraScenario } from './infra-scenario';
import { runLimitsScenario } from './limits-scenario';
import { runListingScenario } from './listing-scenario';
import {
  WORKSPACE_ROOT,
  bundleLaunch,
  startBackendsProcess,
  startWebapp,
  type BackendsProcess,
  type WebappProcess,
} from './processes';
import { formatTable, machineInfo, writeJsonReport, type ReportRow, type ScenarioResult } from './report';
import { runRequestRateScenario } from './request-rate-scenario';
import { runRollScenario } from './roll-scenario';
import { runUploadScenario } from './upload-scenario';
import { runDirectSessionScenario } from './direct-session-scenario';

const BUCKET = 'bench-files';
const TABLE = 'bench-files';

/** Scenarios that need the long-running webapp (the listing starts one per seeded table), in the order they run. */
const WEBAPP_SCENARIOS: readonly [ScenarioName, (ctx: BenchContext) => Promise<ScenarioResult>][] = [
  ['upload', runUploadScenario],
  ['direct', runDirectSessionScenario],
  ['limits', runLimitsScenario],
  ['concurrent', runConcurrentScenario],
  ['list', runListingScenario],
  ['rps', runRequestRateScenario],
];

async function main(): Promise<void> {
  // Children inherit this environment (PATH, HOME, ...) plus what each scenario sets; nothing here is config.
  const inheritedEnv: Readonly<Record<string, string | undefined>> = {
    ...process.env,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const options = parseBenchArgs(process.argv.slice(2), WORKSPACE_ROOT);
  const machine = machineInfo();
  const webappNode = execFileSync(options.node, ['--version'], { encoding: 'utf8' }).trim();
  console.log(
    `bench: ${options.quick ? 'quick' : 'full'} run of ${[...options.only].join(', ')} on ${machine.cpuCount} x ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB; the webapp on Node ${webappNode}`,
  );
  if (!existsSync(options.bundle))
    throw new Error(`${options.bundle} is missing; run \`npx nx run webapp:build\` first`);

  const startedAt = new Date().toISOString();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'webapp-bench-'));
  const results: Partial<Record<ScenarioName, ScenarioResult>> = {};
  const errors: Partial<Record<ScenarioName, string>> = {};
  let backends: BackendsProcess | undefined;
  let webapp: WebappProcess | undefined;
  let clients: AwsClients | undefined;
  const run = async (name: ScenarioName, scenario: () => Promise<ScenarioResult>) => {
    if (!options.only.has(name)) return;
    console.log(`\n== ${name}`);
    try {
      results[name] = await scenario();
    } catch (err) {
      // One broken scenario must not hide the others' figures.
      errors[name] = err instanceof Error ? err.message : String(err);
      console.error(`  ${name} failed: ${errors[name]}`);
    }
  };

  try {
    const needsBackends =
      WEBAPP_SCENARIOS.some(([name]) => options.only.has(name)) ||
      options.only.has('coldstart') ||
      options.only.has('roll');
    if (needsBackends) {
      backends = await startBackendsProcess(path.join(dataDir, 'backends'), BUCKET, TABLE, inheritedEnv);
      const webappEnv = {
        ...inheritedEnv,
        // Never the caller's DATA_DIR: the cold-start scenario removes the data directory of each run.
        DATA_DIR: path.join(dataDir, 'webapp-data'),
        S3_ENDPOINT: backends.s3Endpoint,
        DYNAMODB_ENDPOINT: backends.dynamodbEndpoint,
        EMBEDDED_BACKENDS: 'false',
        FILES_BUCKET: BUCKET,
        FILES_TABLE: TABLE,
        AWS_REGION: 'us-east-1',
        INSTANCE_ID: 'bench',
        LOG_LEVEL: 'warn',
        MAX_UPLOAD_BYTES: String(2 * 1024 ** 3),
        NODE_ENV: 'production',
        // The abuse limits are off for the throughput figures; the limits scenario measures them on.
        UPLOADS_PER_MINUTE_PER_CLIENT: '0',
        UPLOADS_PER_MINUTE_PER_IP: '0',
        UPLOAD_BYTES_PER_DAY_PER_CLIENT: '0',
      };
      clients = createAwsClients({
        awsRegion: 'us-east-1',
        s3Endpoint: backends.s3Endpoint,
        dynamodbEndpoint: backends.dynamodbEndpoint,
      });
      const base = {
        plan: options.plan,
        backends,
        clients,
        bucket: BUCKET,
        table: TABLE,
        bundle: options.bundle,
        node: options.node,
        webappEnv,
        partSizeBytes: WEBAPP_DEFAULTS.uploadPartSizeBytes,
        queueSize: WEBAPP_DEFAULTS.uploadQueueSize,
        dataDir,
      };
      if (WEBAPP_SCENARIOS.some(([name]) => options.only.has(name))) {
        webapp = await startWebapp(bundleLaunch(options.bundle, webappEnv, options.node));
        const ctx: BenchContext = { ...base, webapp };
        for (const [name, scenario] of WEBAPP_SCENARIOS) await run(name, () => scenario(ctx));
        // Cold starts get the CPU to themselves.
        await webapp.stop();
        webapp = undefined;
      }
      await run('roll', () => runRollScenario(base));
      await run('coldstart', () => runColdStartScenario(base));
    }
    await run('infra', () => runInfraScenario(inheritedEnv));
  } finally {
    await webapp?.stop();
    clients?.destroy();
    await backends?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }

  const rows: ReportRow[] = Object.values(results).flatMap((r) => r?.rows ?? []);
  for (const [name, message] of Object.entries(errors))
    rows.push({ item: name, metric: 'error', value: message.slice(0, 120) });
  console.log(`\n${formatTable(rows)}\n`);
  await writeJsonReport(options.out, {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    webappNode,
    quick: options.quick,
    scenarios: [...options.only],
    plan: options.plan,
    rows,
    results: Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r?.data])),
    errors,
  });
  console.log(`report written to ${path.relative(WORKSPACE_ROOT, options.out)}`);
  if (Object.keys(errors).length > 0) process.exitCode = 1;
}

runCli(main, { usage: BENCH_USAGE, describeFailure: (err) => String(err instanceof Error ? err.stack : err) });
