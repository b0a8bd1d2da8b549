import path from 'node:path';
import { parseCli, UsageError } from '@ha-uploads/process';
import { MiB } from './stats';

/** The benchmark's scenarios, in the order they run; `--only` picks a subset. */
export const SCENARIOS = [
  'upload',
  'direct',
  'limits',
  'concurrent',
  'list',
  'rps',
  'roll',
  'coldstart',
  'infra',
] as const;

/** One scenario's name. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** A catalog the listing bench seeds: listed files, and hidden (pending, deleting, trashed) entries newer than all. */
export interface CatalogSize {
  readonly files: number;
  readonly hidden: number;
}

/** How big each scenario is: `--quick` shrinks everything to a smoke run. */
export interface BenchPlan {
  /** Upload sizes and how many times each is uploaded (through the webapp and directly). */
  readonly uploads: readonly { readonly size: number; readonly repeats: number }[];
  readonly concurrentClients: number;
  readonly concurrentFileBytes: number;
  /** The catalogs the listing is measured with, the first being the one growth is measured from. */
  readonly listingSizes: readonly CatalogSize[];
  readonly listingRequests: number;
  readonly listingWarmup: number;
  readonly rpsConnections: number;
  readonly rpsSeconds: number;
  readonly coldStartRuns: number;
  /** Small uploads per side (limits off / on) of the limits scenario. */
  readonly limitsUploads: number;
  /** Seconds of steady mixed load before the roll, the baseline its latency is compared with. */
  readonly rollSteadySeconds: number;
  readonly rollClients: number;
}

/** Parsed command line. */
export interface BenchOptions {
  readonly quick: boolean;
  readonly only: ReadonlySet<ScenarioName>;
  /** Where the JSON report goes (absolute). */
  readonly out: string;
  /** The webapp bundle to run (absolute). */
  readonly bundle: string;
  /** The Node binary the webapp runs on (absolute): this one unless `--node` names the fleet's. */
  readonly node: string;
  readonly plan: BenchPlan;
}

const FULL_PLAN: BenchPlan = {
  uploads: [
    { size: MiB, repeats: 10 },
    { size: 64 * MiB, repeats: 3 },
    { size: 1024 * MiB, repeats: 1 },
  ],
  concurrentClients: 16,
  concurrentFileBytes: 8 * MiB,
  listingSizes: [
    { files: 100, hidden: 0 },
    { files: 10_000, hidden: 0 },
    { files: 10_000, hidden: 10_000 },
  ],
  listingRequests: 400,
  listingWarmup: 200,
  rpsConnections: 64,
  rpsSeconds: 5,
  coldStartRuns: 3,
  limitsUploads: 200,
  rollSteadySeconds: 30,
  rollClients: 8,
};

const QUICK_PLAN: BenchPlan = {
  uploads: [
    { size: MiB, repeats: 3 },
    { size: 16 * MiB, repeats: 1 },
    { size: 64 * MiB, repeats: 1 },
  ],
  concurrentClients: 4,
  concurrentFileBytes: 2 * MiB,
  listingSizes: [
    { files: 100, hidden: 0 },
    { files: 1_000, hidden: 0 },
    { files: 1_000, hidden: 1_000 },
  ],
  listingRequests: 30,
  listingWarmup: 5,
  rpsConnections: 64,
  rpsSeconds: 1,
  coldStartRuns: 1,
  limitsUploads: 30,
  rollSteadySeconds: 10,
  rollClients: 4,
};

/** What `--help` prints. */
export const BENCH_USAGE = `usage: nx run webapp:bench -- [--quick] [--only=a,b] [--out=path] [--bundle=path] [--node=path]
  scenarios: ${SCENARIOS.join(', ')}`;

/**
 * Reads `--quick`, `--only=a,b`, `--out=path`, `--bundle=path` and `--node=path`; throws on an unknown scenario or
 * flag.
 */
export function parseBenchArgs(
  argv: readonly string[],
  cwd: string,
  now = new Date(),
  thisNode = process.execPath,
): BenchOptions {
  const { values } = parseCli(argv, {
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
      bundle: { type: 'string' },
      node: { type: 'string' },
    },
  });
  const only =
    values.only === undefined
      ? [...SCENARIOS]
      : values.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  const unknown = only.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`--only accepts ${SCENARIOS.join(', ')}, got ${unknown.join(', ')}`);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const out = path.resolve(cwd, values.out ?? `dist/bench/bench-${stamp}.json`);
  const bundle = path.resolve(cwd, values.bundle ?? 'dist/apps/webapp/main.js');
  const node = values.node === undefined ? thisNode : path.resolve(cwd, values.node);
  return {
    quick: values.quick,
    only: new Set(only as ScenarioName[]),
    out,
    bundle,
    node,
    plan: values.quick ? QUICK_PLAN : FULL_PLAN,
  };
}
