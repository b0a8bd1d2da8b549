import { webappEnvironment } from '@ha-uploads/config';
import { renderUserData, type UserDataOptions } from './user-data';

const IDLE_TIMEOUT_SECONDS = 120;

const base: UserDataOptions = {
  nodeMajorVersion: 22,
  bundleBucket: 'test-artifacts',
  bundleKey: 'webapp/abc.zip',
  region: 'us-east-1',
  environment: webappEnvironment({
    port: 3000,
    filesBucket: 'test-files',
    filesTable: 'test-table',
    awsRegion: 'us-east-1',
    maxUploadBytes: 1024,
    loadBalancerIdleTimeoutSeconds: IDLE_TIMEOUT_SECONDS,
    deregistrationDelaySeconds: 30,
  }),
};

function environmentValue(script: string, name: string): string {
  const line = script.split('\n').find((l) => l.startsWith(`Environment=${name}=`));
  if (!line) throw new Error(`no Environment=${name} line`);
  return line.slice(`Environment=${name}=`.length);
}

describe('renderUserData', () => {
  it('installs the configured Node major version', () => {
    expect(renderUserData(base)).toContain('dnf install -y nodejs22 unzip');
  });

  it('downloads the bundle from the artifacts bucket', () => {
    expect(renderUserData(base)).toContain(
      'aws s3 cp s3://test-artifacts/webapp/abc.zip $APP_DIR/bundle.zip --region us-east-1',
    );
  });

  it('runs the bundle under systemd with the webapp environment', () => {
    const script = renderUserData(base);
    expect(script).toContain('ExecStart=$NODE_BIN $APP_DIR/current/main.js');
    expect(script).toContain('Environment=FILES_BUCKET=test-files');
    expect(script).toContain('Environment=FILES_TABLE=test-table');
    expect(script).toContain('Environment=PORT=3000');
    expect(script).toContain('systemctl enable --now ha-uploads.service');
  });

  it('keeps idle connections open longer than the load balancer does, so it never reuses one the app closed', () => {
    // GIVEN / WHEN
    const script = renderUserData(base);
    // THEN
    const keepAliveMs = Number(environmentValue(script, 'KEEP_ALIVE_TIMEOUT_MS'));
    expect(keepAliveMs).toBeGreaterThan(IDLE_TIMEOUT_SECONDS * 1000);
    expect(Number(environmentValue(script, 'HEADERS_TIMEOUT_MS'))).toBeGreaterThan(keepAliveMs);
  });

  it('contains nothing terraform would read as interpolation', () => {
    expect(renderUserData(base)).not.toMatch(/\$\{|%\{/);
  });

  it('contains no double quotes, which terraform functions such as base64encode reject', () => {
    expect(renderUserData(base)).not.toContain('"');
  });

  it('rejects an environment value systemd would split and shows it', () => {
    expect(() => renderUserData({ ...base, environment: { LOG_LEVEL: 'info debug' } })).toThrow(
      'environment value of LOG_LEVEL has unsafe characters, got "info debug"',
    );
  });

  it('keeps a URL with a query in one environment value', () => {
    const script = renderUserData({
      ...base,
      environment: {
        AUTH_SIGN_OUT_URL: 'https://idp.example.com/logout?client_id=abc&logout_uri=https://uploads.example.com/',
      },
    });
    expect(environmentValue(script, 'AUTH_SIGN_OUT_URL')).toBe(
      'https://idp.example.com/logout?client_id=abc&logout_uri=https://uploads.example.com/',
    );
  });

  it('escapes a percent sign, which systemd would read as a specifier', () => {
    const script = renderUserData({
      ...base,
      environment: { AUTH_SIGN_OUT_URL: 'https://idp.example.com/logout?to=https%3A%2F%2Fx' },
    });
    expect(environmentValue(script, 'AUTH_SIGN_OUT_URL')).toBe('https://idp.example.com/logout?to=https%%3A%%2F%%2Fx');
  });

  it('runs the setup lines after unpacking the bundle and before the service starts', () => {
    // GIVEN
    const script = renderUserData({ ...base, setupLines: ['echo shipper-up'] });
    // WHEN
    const lines = script.split('\n');
    // THEN
    expect(lines.indexOf('echo shipper-up')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('unzip ')));
    expect(lines.indexOf('echo shipper-up')).toBeLessThan(lines.findIndex((l) => l.startsWith('systemctl enable')));
  });

  it('adds the unit lines to the service section', () => {
    const script = renderUserData({ ...base, unitLines: ['StandardOutput=append:/var/log/app.log'] });
    const service = script.slice(script.indexOf('[Service]'), script.indexOf('[Install]'));
    expect(service).toContain('StandardOutput=append:/var/log/app.log');
  });

  it('rejects an extra line terraform would interpolate, showing it', () => {
    expect(() => renderUserData({ ...base, setupLines: ['echo ${HOME}'] })).toThrow(
      'user data line must not contain ${, %{ or double quotes, got "echo ${HOME}"',
    );
  });
});
