import { ConfigError } from './config-error';
import { loadWebappConfig, webappEnvironment } from './webapp-config';
import { DEPLOYED_WEBAPP_SETTINGS } from '../testing/deployed-webapp';

const GiB = 1024 ** 3;

describe('upload limits and proxy trust in the webapp config', () => {
  it('applies the documented limits by default', () => {
    // GIVEN / WHEN
    const config = loadWebappConfig({});
    // THEN
    expect(config.uploadLimits).toEqual({
      uploadsPerMinutePerClient: 60,
      uploadsPerMinutePerIp: 600,
      uploadBytesPerDayPerClient: 10 * GiB,
      downloadsPerMinutePerIp: 600,
    });
    expect(config.downloadStreams).toEqual({ idleTimeoutMs: 15_000, perIp: 6, max: 32 });
    expect(config.limitsTable).toBe('uploads-local-limits');
  });

  it('turns every limit off with 0', () => {
    // GIVEN
    const env = {
      UPLOADS_PER_MINUTE_PER_CLIENT: '0',
      UPLOADS_PER_MINUTE_PER_IP: '0',
      UPLOAD_BYTES_PER_DAY_PER_CLIENT: '0',
      DOWNLOADS_PER_MINUTE_PER_IP: '0',
    };
    // WHEN
    const config = loadWebappConfig(env);
    // THEN
    expect(config.uploadLimits).toEqual({
      uploadsPerMinutePerClient: 0,
      uploadsPerMinutePerIp: 0,
      uploadBytesPerDayPerClient: 0,
      downloadsPerMinutePerIp: 0,
    });
  });

  it('refuses a negative limit, naming the variable and the value', () => {
    // WHEN
    const load = () => loadWebappConfig({ UPLOADS_PER_MINUTE_PER_IP: '-5' });
    // THEN
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/UPLOADS_PER_MINUTE_PER_IP: must be at least 0.*-5/);
  });

  it('trusts no forwarding headers unless told how many balancers are in front', () => {
    expect(loadWebappConfig({}).trustProxyHops).toBe(0);
    expect(loadWebappConfig({ TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(2);
  });

  it('trusts the one ALB in front of deployed instances', () => {
    // GIVEN
    const env = webappEnvironment(DEPLOYED_WEBAPP_SETTINGS);
    // WHEN / THEN
    expect(loadWebappConfig(env).trustProxyHops).toBe(1);
  });
});
