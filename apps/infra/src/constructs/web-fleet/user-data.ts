/** Inputs of the instance bootstrap script. Values may be cdktf tokens (bucket and table names). */
export interface UserDataOptions {
  /** Node.js major version from the AL2023 repositories (`nodejs22`, `nodejs24`). */
  readonly nodeMajorVersion: number;
  /** Bucket and key of the zipped webapp bundle. */
  readonly bundleBucket: string;
  readonly bundleKey: string;
  /** Region of the artifacts bucket. */
  readonly region: string;
  /** The webapp's environment (see `webappEnvironment` in @ha-uploads/config). */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Script inside the bundle that starts the server.
   * @default 'main.js'
   */
  readonly entryPoint?: string;
  /**
   * Seconds systemd waits after SIGTERM; must cover the webapp's graceful shutdown and the ALB's deregistration delay.
   * @default 40
   */
  readonly stopTimeoutSeconds?: number;
  /**
   * Boot lines run after the bundle is unpacked and before the service starts (e.g. a log shipper it writes to).
   * @default - none
   */
  readonly setupLines?: readonly string[];
  /**
   * Extra `[Service]` lines of the webapp's unit (e.g. where its output goes).
   * @default - none: output goes to the journal
   */
  readonly unitLines?: readonly string[];
}

const SERVICE = 'ha-uploads';
// URL query characters (sign-out URLs) are safe in a unit file and an unquoted heredoc; `%` is escaped for systemd.
const ENV_VALUE = /^[A-Za-z0-9_./:@?&=+,~%-]*$/;

/**
 * The first-boot script: installs Node, downloads and unpacks the bundle, and runs it under systemd.
 * It never uses `${` or `%{` (Terraform would read them as interpolation) nor double quotes (cdktf's Fn.base64encode
 * rejects them); every path is free of spaces, so the shell needs no quoting.
 */
export function renderUserData(options: UserDataOptions): string {
  const entryPoint = options.entryPoint ?? 'main.js';
  const environmentLines = Object.entries(options.environment).map(([name, value]) => {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name))
      throw new Error(`environment variable name must be UPPER_SNAKE_CASE, got ${JSON.stringify(name)}`);
    // Tokens resolve to bucket/table names; literal values must not need systemd quoting.
    if (!value.includes('${') && !ENV_VALUE.test(value))
      throw new Error(`environment value of ${name} has unsafe characters, got ${JSON.stringify(value)}`);
    return `Environment=${name}=${value.replace(/%/g, '%%')}`;
  });
  const setupLines = literalLines(options.setupLines);
  const unitLines = literalLines(options.unitLines);
  const node = `nodejs${options.nodeMajorVersion}`;
  return [
    '#!/bin/bash',
    'set -euxo pipefail',
    `dnf install -y ${node} unzip`,
    // AL2023 installs versioned binaries (node-22) next to, or instead of, a plain `node`.
    `NODE_BIN=$(command -v node-${options.nodeMajorVersion} || command -v node)`,
    `APP_DIR=/opt/${SERVICE}`,
    'install -d -m 0755 $APP_DIR/releases',
    `aws s3 cp s3://${options.bundleBucket}/${options.bundleKey} $APP_DIR/bundle.zip --region ${options.region}`,
    'RELEASE=$APP_DIR/releases/$(date +%s)',
    'mkdir -p $RELEASE',
    'unzip -q $APP_DIR/bundle.zip -d $RELEASE',
    'ln -sfn $RELEASE $APP_DIR/current',
    ...setupLines,
    `cat > /etc/systemd/system/${SERVICE}.service <<UNIT`,
    '[Unit]',
    'Description=ha-uploads webapp',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=$NODE_BIN $APP_DIR/current/${entryPoint}`,
    'WorkingDirectory=/opt/ha-uploads/current',
    ...environmentLines,
    ...unitLines,
    'DynamicUser=yes',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    'ProtectHome=yes',
    'PrivateTmp=yes',
    'Restart=always',
    'RestartSec=2',
    'KillSignal=SIGTERM',
    `TimeoutStopSec=${options.stopTimeoutSeconds ?? 40}`,
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    'UNIT',
    'systemctl daemon-reload',
    `systemctl enable --now ${SERVICE}.service`,
    '',
  ].join('\n');
}

/** Extra lines are literal text: interpolation or double quotes would break the Terraform string or the encoding. */
function literalLines(lines: readonly string[] = []): readonly string[] {
  const unsafe = lines.find((line) => /\$\{|%\{|"/.test(line));
  if (unsafe !== undefined)
    throw new Error(`user data line must not contain \${, %{ or double quotes, got ${JSON.stringify(unsafe)}`);
  return lines;
}
