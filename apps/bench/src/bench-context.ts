import type { AwsClients } from '@ha-uploads/storage';
import type { BenchPlan } from './bench-options';
import type { BackendsProcess, WebappProcess } from './processes';

/** What every scenario gets: the running backends and webapp, SDK clients bound to the same backends, and the plan. */
export interface BenchContext {
  readonly plan: BenchPlan;
  readonly backends: BackendsProcess;
  readonly webapp: WebappProcess;
  readonly clients: AwsClients;
  readonly bucket: string;
  readonly table: string;
  /** The webapp bundle (absolute path). */
  readonly bundle: string;
  /** The Node binary that runs the bundle (absolute path). */
  readonly node: string;
  /** The whole environment the bundle runs with (this process's, plus endpoints mode against `backends`). */
  readonly webappEnv: Readonly<Record<string, string | undefined>>;
  readonly partSizeBytes: number;
  readonly queueSize: number;
  readonly dataDir: string;
}
