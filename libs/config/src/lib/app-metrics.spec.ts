import { APP_METRICS, appMetricsEnvironment } from './app-metrics';

describe('appMetricsEnvironment', () => {
  it('points aws-embedded-metrics at the agent, the namespace and the log group', () => {
    // GIVEN the stack's log group WHEN the instance environment is built THEN the library is sent to the agent
    expect(appMetricsEnvironment('/ha-uploads/dev/webapp')).toEqual({
      AWS_EMF_ENVIRONMENT: 'Agent',
      AWS_EMF_NAMESPACE: APP_METRICS.namespace,
      AWS_EMF_LOG_GROUP_NAME: '/ha-uploads/dev/webapp',
    });
  });

  it('names every metric once', () => {
    const names = Object.values(APP_METRICS.names);
    expect(new Set(names).size).toBe(names.length);
  });
});
