export { ConfigError } from './lib/config-error';
export { STICKINESS_DURATION_SECONDS, assertStickinessDuration } from './lib/stickiness';
export { WEBAPP_DEFAULTS, loadWebappConfig, webappEnvironment } from './lib/webapp-config';
export type { DirectTransferSettings, DownloadStreamSettings, WebappConfig } from './lib/webapp-config';
export { DEPLOYMENT_DEFAULTS, parseDeploymentConfig } from './lib/deployment-config';
export type { DeploymentConfig } from './lib/deployment-config';
export { FILES_TABLE_DEFINITION, FILES_TABLE_SCHEMA } from './lib/files-table';
export type { FilesTableDefinition } from './lib/files-table';
export type { TableAttribute, TableDefinition, TableIndex } from './lib/table-definition';
export { loadDeploymentConfigFile } from './lib/deployment-config-file';
export { loadInfraEnv } from './lib/infra-env';
export type { InfraEnv } from './lib/infra-env';
export { TARGET_HEALTH_CHECK, unhealthyDetectionSeconds } from './lib/target-health';
export { APP_METRICS, appMetricsEnvironment } from './lib/app-metrics';
export { LIMITS_TABLE_DEFINITION, LIMITS_TABLE_SCHEMA } from './lib/limits-table';
export { INCOMPLETE_MULTIPART_UPLOAD_DAYS, LOCAL_AWS_CREDENTIALS, LOCAL_SCANNER_CREDENTIALS } from './lib/local-aws';
export {
  DIRECT_TRANSFER_CORS,
  DIRECT_TRANSFER_DEFAULTS,
  FILE_OBJECT_KEY_PREFIX,
  directTransferEnvironment,
} from './lib/direct-transfer';
export { ALB_SESSION_TIMEOUT_SECONDS } from './lib/alb-auth-config';
export { accessControlEnvironment } from './lib/access-control-environment';
export { WAF_RATE_LIMIT_PER_5_MINUTES } from './lib/deployment-config';
export { LOG_RETENTION_DAYS } from './lib/operations';
export { BUNDLE_NODE_TARGET, FLEET_NODE_MAJOR_VERSIONS } from './lib/fleet-runtime';
export { defaultStateKey } from './lib/state-backend';
export { AUTH_DEFAULTS } from './lib/auth-config';
export { MALWARE_SCAN_DEFAULTS, malwareScanEnvironment } from './lib/malware-scan-config';
export type { MalwareScanConfig } from './lib/malware-scan-config';
export type { AlbSignInConfig, AuthConfig, CognitoAccessTokenConfig } from './lib/auth-config';
export { loadConfigOrExit } from './lib/load-config-or-exit';
export { localPageOrigins } from './lib/local-page-origins';
