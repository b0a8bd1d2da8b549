import { WEBAPP_DEFAULTS, loadWebappConfig, webappEnvironment } from './webapp-config';
import { configProblemsOf } from '../testing/config-problems';
import { DEPLOYED_WEBAPP_SETTINGS } from '../testing/deployed-webapp';

const problemsOf = (env: Record<string, string>) => configProblemsOf(() => loadWebappConfig(env));

describe('loadWebappConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadWebappConfig({});
    expect(config).toMatchObject({
      port: WEBAPP_DEFAULTS.port,
      filesBucket: 'uploads-local',
      maxUploadBytes: 100 * 1024 * 1024,
      backendMode: 'aws',
      keepAliveTimeoutMs: 65_000,
    });
  });

  it('keeps the keep-alive timeout above the ALB idle timeout of 60 s by default', () => {
    expect(loadWebappConfig({}).keepAliveTimeoutMs).toBeGreaterThan(60_000);
  });

  it('selects the embedded backends when asked', () => {
    expect(loadWebappConfig({ EMBEDDED_BACKENDS: 'true' }).backendMode).toBe('embedded');
  });

  it('selects given endpoints when both are set', () => {
    const config = loadWebappConfig({
      S3_ENDPOINT: 'http://127.0.0.1:4569',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567',
    });
    expect(config.backendMode).toBe('endpoints');
    expect(config.s3Endpoint).toBe('http://127.0.0.1:4569');
  });

  it('names the variable and the bad value for a non-numeric port', () => {
    expect(problemsOf({ PORT: 'eighty' })).toContain('PORT: must be a whole number between 0 and 65535, got "eighty"');
  });

  it('rejects an upload limit of zero', () => {
    expect(problemsOf({ MAX_UPLOAD_BYTES: '0' })).toContain('MAX_UPLOAD_BYTES: must be at least 1, got "0"');
  });

  it('sends app metrics to the CloudWatch agent with AWS_EMF_ENVIRONMENT=Agent, and to the logs otherwise', () => {
    expect([
      loadWebappConfig({ AWS_EMF_ENVIRONMENT: 'Agent' }).metricsDestination,
      loadWebappConfig({}).metricsDestination,
    ]).toEqual(['agent', 'log']);
  });

  it('rejects an EMF environment it does not support, naming the value', () => {
    expect(problemsOf({ AWS_EMF_ENVIRONMENT: 'Lambda' })).toContain(
      'AWS_EMF_ENVIRONMENT: must be Agent (the CloudWatch agent) or Local (the logs), got "Lambda"',
    );
  });

  it('rejects a boolean it cannot read', () => {
    expect(problemsOf({ EMBEDDED_BACKENDS: 'maybe' })).toContain(
      'EMBEDDED_BACKENDS: must be true or false, got "maybe"',
    );
  });

  it('rejects an endpoint that is not a URL', () => {
    expect(problemsOf({ S3_ENDPOINT: 'not a url', DYNAMODB_ENDPOINT: 'http://x' })).toContain(
      'S3_ENDPOINT: must be an http(s) URL',
    );
  });

  it('requires both endpoints together', () => {
    expect(problemsOf({ S3_ENDPOINT: 'http://127.0.0.1:1' })).toContain(
      'DYNAMODB_ENDPOINT: must be set together with S3_ENDPOINT',
    );
  });

  it('refuses embedded mode together with endpoints', () => {
    expect(problemsOf({ EMBEDDED_BACKENDS: '1', S3_ENDPOINT: 'http://a', DYNAMODB_ENDPOINT: 'http://b' })).toContain(
      'EMBEDDED_BACKENDS: cannot be true',
    );
  });

  it('requires the headers timeout to exceed the keep-alive timeout', () => {
    expect(problemsOf({ KEEP_ALIVE_TIMEOUT_MS: '70000', HEADERS_TIMEOUT_MS: '70000' })).toContain(
      'HEADERS_TIMEOUT_MS: must be greater than KEEP_ALIVE_TIMEOUT_MS (70000), got 70000',
    );
  });

  it('refuses a headers timeout above the request timeout, which Node would reject at listen', () => {
    expect(problemsOf({ KEEP_ALIVE_TIMEOUT_MS: '650000', HEADERS_TIMEOUT_MS: '651000' })).toContain(
      'HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS (600000), got 651000',
    );
  });

  it('requires the sweeper grace period to exceed the request timeout', () => {
    expect(problemsOf({ SWEEP_GRACE_SECONDS: '60', REQUEST_TIMEOUT_MS: '60000' })).toContain(
      'SWEEP_GRACE_SECONDS: must exceed REQUEST_TIMEOUT_MS (60000 ms) so the sweeper never reclaims an upload in flight, got 60',
    );
  });

  it('gives deployed instances a keep-alive timeout above the load balancer idle timeout', () => {
    const env = webappEnvironment({ ...DEPLOYED_WEBAPP_SETTINGS, loadBalancerIdleTimeoutSeconds: 120 });
    const config = loadWebappConfig(env);
    expect(config.shutdownTimeoutMs).toBe(25_000);
    expect(config.keepAliveTimeoutMs).toBe(125_000);
    expect(config.headersTimeoutMs).toBeGreaterThan(config.keepAliveTimeoutMs);
  });

  it('reports every bad variable at once', () => {
    const message = problemsOf({ PORT: '-1', FILES_BUCKET: 'Bad_Bucket' });
    expect(message).toContain('PORT:');
    expect(message).toContain('FILES_BUCKET:');
  });
});
