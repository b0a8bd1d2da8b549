import { createMetricsLogger, MetricsLogger, Unit } from 'aws-embedded-metrics';
import type { IEnvironment } from 'aws-embedded-metrics/lib/environment/IEnvironment';
import type { MetricsContext } from 'aws-embedded-metrics/lib/logger/MetricsContext';
import { LogSerializer } from 'aws-embedded-metrics/lib/serializers/LogSerializer';
import { APP_METRICS } from '@ha-uploads/config';
import type { AppMetrics } from './app-metrics';

/** Where EMF documents go: the CloudWatch agent (EC2), or a line writer (the process logger). */
export type EmfDestination =
  { readonly kind: 'agent' } | { readonly kind: 'log'; readonly write: (document: Record<string, unknown>) => void };

/** Options of createEmfMetrics. */
export interface EmfMetricsOptions {
  readonly instanceId: string;
  readonly destination: EmfDestination;
  /** Told when a document could not be sent; metrics never fail a request. @default - ignored */
  readonly onError?: (err: unknown) => void;
}

const NAMES = APP_METRICS.names;

/**
 * App metrics in CloudWatch's embedded metric format, written by aws-embedded-metrics: to the CloudWatch agent's
 * EMF listener when AWS_EMF_ENVIRONMENT=Agent (EC2), else as JSON lines through the logger. Fleet-wide metrics have
 * no dimension, failures are by Code, in-flight uploads by InstanceId; every document carries the instance id.
 */
export function createEmfMetrics(options: EmfMetricsOptions): AppMetrics {
  const environment = options.destination.kind === 'log' ? logEnvironment(options.destination.write) : undefined;
  const pending = new Set<Promise<void>>();
  let inFlight = 0;

  const emit = (dimensions: Record<string, string>, fill: (logger: MetricsLogger) => void) => {
    const logger = environment ? new MetricsLogger(async () => environment) : createMetricsLogger();
    logger.setNamespace(APP_METRICS.namespace);
    logger.setDimensions(dimensions, false);
    logger.setProperty(APP_METRICS.instanceDimension, options.instanceId);
    fill(logger);
    const sent = logger.flush().catch((err: unknown) => options.onError?.(err));
    pending.add(sent);
    void sent.finally(() => pending.delete(sent));
  };
  const gaugeInFlight = () =>
    emit({ [APP_METRICS.instanceDimension]: options.instanceId }, (m) =>
      m.putMetric(NAMES.inFlightUploads, inFlight, Unit.Count),
    );

  return {
    uploadStored: (bytes, durationMs) =>
      emit({}, (m) => {
        m.putMetric(NAMES.uploads, 1, Unit.Count);
        m.putMetric(NAMES.uploadBytes, bytes, Unit.Bytes);
        m.putMetric(NAMES.uploadDuration, durationMs, Unit.Milliseconds);
      }),
    uploadFailed: (code) =>
      emit({ [APP_METRICS.codeDimension]: code }, (m) => m.putMetric(NAMES.uploadFailures, 1, Unit.Count)),
    uploadStarted: () => {
      inFlight += 1;
      gaugeInFlight();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        inFlight -= 1;
        gaugeInFlight();
      };
    },
    rateLimitRefused: (limit) =>
      emit({}, (m) => {
        m.setProperty('Limit', limit);
        m.putMetric(NAMES.rateLimitRefusals, 1, Unit.Count);
      }),
    swept: (items) => emit({}, (m) => m.putMetric(NAMES.sweptItems, items, Unit.Count)),
    scanResult: (outcome, infected) => {
      emit({ [APP_METRICS.outcomeDimension]: outcome }, (m) => m.putMetric(NAMES.scanResults, 1, Unit.Count));
      if (infected) emit({}, (m) => m.putMetric(NAMES.infectedFiles, 1, Unit.Count));
    },
    flush: async () => {
      await Promise.all(pending);
    },
  };
}

// The library's own serializer, with a sink that hands each document to the logger instead of stdout.
function logEnvironment(write: (document: Record<string, unknown>) => void): IEnvironment {
  const serializer = new LogSerializer();
  return {
    probe: async () => true,
    getName: () => 'webapp',
    getType: () => 'Local',
    getLogGroupName: () => '',
    configureContext: () => undefined,
    getSink: () => ({
      name: 'LogSink',
      accept: async (context: MetricsContext) => {
        for (const document of serializer.serialize(context)) write(JSON.parse(document) as Record<string, unknown>);
      },
    }),
  };
}
