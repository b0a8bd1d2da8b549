import { resolve } from 'node:path';
import { loadInfraEnv } from '@ha-uploads/config';
import { buildApp } from './build-app';
import { loadEnvironmentConfig } from './config/environment-file';
import { StateBucketStack, stateBucketStackName } from './stacks/state-bucket-stack';

// Entry point of `cdktf synth|diff|deploy|destroy|output` (see /cdktf.json): reads the environment once, through
// libs/config.
const infraEnv = loadInfraEnv(process.env);
const config = loadEnvironmentConfig(infraEnv.deployEnv, process.env);
const { app } = buildApp({ config, webappBundleDir: resolve(infraEnv.webappBundleDir ?? 'dist/apps/webapp') });
if (config.stateBucket) new StateBucketStack(app, stateBucketStackName(config), { config });
app.synth();
