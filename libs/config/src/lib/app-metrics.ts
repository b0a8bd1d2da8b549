/**
 * The webapp's own CloudWatch metrics (embedded metric format): the webapp emits them, the infra's dashboard and
 * alarms read them. One definition, two readers, so a renamed metric cannot leave an empty graph behind.
 */
export const APP_METRICS = {
  /** CloudWatch namespace of every app metric. */
  namespace: 'HaUploads',
  /** Dimension that tells instances apart (the EC2 instance id, or the local instance's name). */
  instanceDimension: 'InstanceId',
  /** Dimension of `uploadFailures`: the stable error code. */
  codeDimension: 'Code',
  /**
   * Dimension of `scanResults`: what recording a scan result did (recorded, unchanged, unknown, rejected, not-ready).
   */
  outcomeDimension: 'Outcome',
  names: {
    /** Count of files stored. */
    uploads: 'Uploads',
    /** Bytes of files stored. */
    uploadBytes: 'UploadBytes',
    /** Milliseconds from the first byte read to the record marked READY. */
    uploadDuration: 'UploadDuration',
    /** Count of uploads refused or failed, by `Code`. */
    uploadFailures: 'UploadFailures',
    /** Uploads in progress on one instance, by `InstanceId`. */
    inFlightUploads: 'InFlightUploads',
    /** Requests refused by an abuse limit. */
    rateLimitRefusals: 'RateLimitRefusals',
    /** Leftovers the sweeper removed. */
    sweptItems: 'SweptItems',
    /** Scan results handled (queue messages and tag re-checks), by `Outcome`. */
    scanResults: 'ScanResults',
    /** Files a malware scan found infected (recorded once per file); the infra alarms on any. */
    infectedFiles: 'InfectedFiles',
  },
} as const;

/**
 * Environment the instances run the webapp with so that aws-embedded-metrics sends to the CloudWatch agent's EMF
 * listener, which writes into `logGroupName`.
 */
export function appMetricsEnvironment(logGroupName: string): Record<string, string> {
  return {
    AWS_EMF_ENVIRONMENT: 'Agent',
    AWS_EMF_NAMESPACE: APP_METRICS.namespace,
    AWS_EMF_LOG_GROUP_NAME: logGroupName,
  };
}
