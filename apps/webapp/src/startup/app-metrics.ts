import type { WebappConfig } from '@ha-uploads/config';
import type { Logger } from 'pino';
import type { AppMetrics } from '../metrics/app-metrics';
import { createEmfMetrics } from '../metrics/emf-metrics';

/** The process's app metrics: to the CloudWatch agent with AWS_EMF_ENVIRONMENT=Agent, else EMF lines in the logs. */
export function createAppMetrics(
  config: Pick<WebappConfig, 'metricsDestination' | 'logLevel'>,
  instanceId: string,
  logger: Logger,
): AppMetrics {
  // Logged at info even when LOG_LEVEL is higher: metrics are data, not chatter (silent still silences them).
  const metricsLog = logger.child({}, { level: config.logLevel === 'silent' ? 'silent' : 'info' });
  return createEmfMetrics({
    instanceId,
    destination:
      config.metricsDestination === 'agent'
        ? { kind: 'agent' }
        : { kind: 'log', write: (document) => metricsLog.info(document, 'metrics') },
    onError: (err) => logger.warn({ err }, 'could not send metrics to the CloudWatch agent'),
  });
}
