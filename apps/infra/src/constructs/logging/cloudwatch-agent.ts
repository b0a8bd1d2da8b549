/** Where the webapp's unit appends its stdout and stderr; the CloudWatch agent tails it. */
export const APP_LOG_FILE = '/var/log/ha-uploads/app.log';

const AGENT_DIR = '/opt/aws/amazon-cloudwatch-agent';
const AGENT_CONFIG_FILE = `${AGENT_DIR}/etc/ha-uploads.json`;

/** Inputs of {@link cloudWatchAgentConfig}. */
export interface CloudWatchAgentOptions {
  /** Log group the service's output and the EMF metrics go to (a literal name, not a token). */
  readonly logGroupName: string;
  /**
   * File the agent tails.
   * @default APP_LOG_FILE
   */
  readonly logFile?: string;
}

/** The agent's configuration: tail the service's log file and listen for EMF on its default port (25888). */
export function cloudWatchAgentConfig(options: CloudWatchAgentOptions): Record<string, unknown> {
  return {
    agent: { run_as_user: 'cwagent' },
    logs: {
      logs_collected: {
        files: {
          collect_list: [
            {
              file_path: options.logFile ?? APP_LOG_FILE,
              log_group_name: options.logGroupName,
              log_stream_name: 'app/{instance_id}',
            },
          ],
        },
      },
      // EMF documents arrive over TCP/UDP from aws-embedded-metrics; their LogGroupName picks the group.
      metrics_collected: { emf: {} },
      log_stream_name: 'metrics/{instance_id}',
    },
  };
}

/**
 * Boot lines that install and start the agent before the webapp, so its EMF listener is up when the app starts.
 * The JSON travels base64-encoded: user data must not contain double quotes or `${`.
 */
export function cloudWatchAgentSetup(options: CloudWatchAgentOptions): string[] {
  const logFile = options.logFile ?? APP_LOG_FILE;
  const encoded = Buffer.from(JSON.stringify(cloudWatchAgentConfig(options))).toString('base64');
  const logDir = logFile.slice(0, logFile.lastIndexOf('/'));
  return [
    'dnf install -y amazon-cloudwatch-agent logrotate',
    `install -d -m 0755 ${logDir}`,
    `install -m 0644 /dev/null ${logFile}`,
    // copytruncate keeps the file systemd appends to; the agent notices the truncation and reads on from the start.
    `cat > /etc/logrotate.d/ha-uploads <<'ROTATE'`,
    `${logFile} {`,
    '  daily',
    '  maxsize 200M',
    '  rotate 3',
    '  compress',
    '  copytruncate',
    '  missingok',
    '  notifempty',
    '}',
    'ROTATE',
    `echo ${encoded} | base64 -d > ${AGENT_CONFIG_FILE}`,
    `${AGENT_DIR}/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${AGENT_CONFIG_FILE}`,
  ];
}

/** Unit lines that send the service's output to the file the agent tails (systemd opens it, so ProtectSystem holds). */
export function appLogUnitLines(logFile: string = APP_LOG_FILE): string[] {
  return [`StandardOutput=append:${logFile}`, `StandardError=append:${logFile}`];
}
