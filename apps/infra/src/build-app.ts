import type { DeploymentConfig } from '@ha-uploads/config';
import { join } from 'node:path';
import { App } from 'cdktf';
import type { SynthesizeStack } from '@ha-uploads/terraform-toolbox';
import { stackName } from './stacks/stack-names';
import { UploadsStack } from './stacks/uploads-stack';

/** Options of {@link buildApp}: everything main.ts reads from the environment, already parsed. */
export interface BuildAppOptions {
  readonly config: DeploymentConfig;
  readonly webappBundleDir: string;
  /** Synth output directory. @default - cdktf's (CDKTF_OUTDIR from the cli, else cdktf.out) */
  readonly outdir?: string;
  /** Offline plan rehearsal: provider skips AWS account checks. @default false */
  readonly offline?: boolean;
}

export { stackName };

/** Creates the app with the environment's stack; the caller synthesizes it. */
export function buildApp(options: BuildAppOptions): { app: App; stack: UploadsStack } {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const stack = new UploadsStack(app, stackName(options.config), {
    config: options.config,
    webappBundleDir: options.webappBundleDir,
    offline: options.offline,
  });
  return { app, stack };
}

/** The toolbox's view of the environment's stack: synthesizes it into a folder and answers the stack's folder. */
export function stackSynthesizer(config: DeploymentConfig, webappBundleDir: string): SynthesizeStack {
  return (outdir, offline) => {
    buildApp({ config, webappBundleDir, outdir, offline }).app.synth();
    return join(outdir, 'stacks', stackName(config));
  };
}
