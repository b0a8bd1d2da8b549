import { renderUserData } from '../web-fleet/user-data';
import { APP_LOG_FILE, appLogUnitLines, cloudWatchAgentConfig, cloudWatchAgentSetup } from './cloudwatch-agent';

const options = { logGroupName: '/ha-uploads/test/app' };

function decodedConfig(lines: readonly string[]): unknown {
  const echo = lines.find((l) => l.startsWith('echo ') && l.includes('| base64 -d >'));
  if (!echo) throw new Error('no encoded agent config');
  return JSON.parse(Buffer.from(echo.split(' ')[1], 'base64').toString('utf8'));
}

describe('cloudWatchAgentConfig', () => {
  it('tails the service log file into the app log group', () => {
    expect(cloudWatchAgentConfig(options)).toMatchObject({
      logs: {
        logs_collected: {
          files: { collect_list: [{ file_path: APP_LOG_FILE, log_group_name: '/ha-uploads/test/app' }] },
        },
      },
    });
  });

  it('enables the EMF listener', () => {
    expect(cloudWatchAgentConfig(options)).toMatchObject({ logs: { metrics_collected: { emf: {} } } });
  });

  it('runs the agent as its own user, not root', () => {
    expect(cloudWatchAgentConfig(options)).toMatchObject({ agent: { run_as_user: 'cwagent' } });
  });
});

describe('cloudWatchAgentSetup', () => {
  it('installs the agent with dnf and starts it with the config it writes', () => {
    const lines = cloudWatchAgentSetup(options);
    expect(lines[0]).toBe('dnf install -y amazon-cloudwatch-agent logrotate');
    expect(lines.at(-1)).toContain(
      'amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/ha-uploads.json',
    );
  });

  it('carries the agent config base64-encoded, intact', () => {
    expect(decodedConfig(cloudWatchAgentSetup(options))).toEqual(cloudWatchAgentConfig(options));
  });

  it('rotates the log file in place, so the unit keeps appending to the same file', () => {
    const script = cloudWatchAgentSetup(options).join('\n');
    expect(script).toContain(`${APP_LOG_FILE} {`);
    expect(script).toContain('copytruncate');
    expect(script).toContain('maxsize 200M');
  });

  it('fits in user data: no interpolation, no double quotes', () => {
    // GIVEN the setup and unit lines in a real boot script
    const script = renderUserData({
      nodeMajorVersion: 22,
      bundleBucket: 'b',
      bundleKey: 'k.zip',
      region: 'us-east-1',
      environment: {},
      setupLines: cloudWatchAgentSetup(options),
      unitLines: appLogUnitLines(),
    });
    // THEN
    expect(script).not.toMatch(/\$\{|%\{|"/);
    expect(script).toContain(`StandardOutput=append:${APP_LOG_FILE}`);
    expect(script).toContain(`StandardError=append:${APP_LOG_FILE}`);
  });
});
