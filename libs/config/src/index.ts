export { ConfigError } from './lib/config-error';
export { STICKINESS_DURATION_SECONDS, assertStickinessDuration } from './lib/stickiness';
export { WEBAPP_DEFAULTS, loadWebappConfig, webappEnvSchema, webappEnvironment } from './lib/webapp-config';
export type { BackendMode, WebappConfig } from './lib/webapp-config';
export { deploymentConfigSchema, parseDeploymentConfig } from './lib/deployment-config';
export type { DeploymentConfig } from './lib/deployment-config';
export { FILES_TABLE_SCHEMA } from './lib/files-table';
export { loadDeploymentConfigFile } from './lib/deployment-config-file';
