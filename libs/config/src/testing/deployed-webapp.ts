/** The settings infra hands webappEnvironment for a deployed instance, for specs to vary one of. */
export const DEPLOYED_WEBAPP_SETTINGS = {
  port: 3000,
  filesBucket: 'files-bucket',
  filesTable: 'files-table',
  awsRegion: 'us-east-1',
  maxUploadBytes: 1,
  loadBalancerIdleTimeoutSeconds: 60,
  deregistrationDelaySeconds: 30,
} as const;
