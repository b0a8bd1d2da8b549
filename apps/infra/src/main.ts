import { resolve } from 'node:path';
import { buildApp } from './build-app';
import { loadEnvironmentConfig } from './config/environment-file';

// Entry point of `cdktf synth|diff|deploy|destroy|output` (see /cdktf.json); the only infra code that reads process.env.
const config = loadEnvironmentConfig(process.env.DEPLOY_ENV || 'dev', process.env);
const { app } = buildApp({ config, webappBundleDir: resolve(process.env.WEBAPP_BUNDLE_DIR || 'dist/apps/webapp') });
app.synth();
