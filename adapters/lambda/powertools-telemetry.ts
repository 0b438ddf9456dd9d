import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { HandlerTelemetry } from './telemetry';

export const METRICS_NAMESPACE = 'Doorbell';

/**
 * Powertools Logger (structured JSON, the Lambda request id on every line) and Metrics (CloudWatch EMF) behind
 * HandlerTelemetry. `flush` publishes the buffered metrics; the composition roots call it after each invocation.
 */
export function powertoolsTelemetry(serviceName: string): HandlerTelemetry & { readonly powertoolsLogger: Logger; flush(): void } {
  const powertoolsLogger = new Logger({ serviceName });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  const log =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: Record<string, unknown>): void =>
      fields === undefined ? powertoolsLogger[level](message) : powertoolsLogger[level](message, fields);
  return {
    powertoolsLogger,
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    count(metric, value = 1, dimensions) {
      if (dimensions === undefined) {
        metrics.addMetric(metric, MetricUnit.Count, value);
        return;
      }
      // A dimensioned count goes out on its own so its dimensions don't leak onto the other metrics.
      const single = metrics.singleMetric();
      for (const [name, dimension] of Object.entries(dimensions)) single.addDimension(name, dimension);
      single.addMetric(metric, MetricUnit.Count, value);
    },
    // Publishing nothing makes Powertools warn "No application metrics to publish" on every such invocation (a
    // handler whose counts were all dimensioned went out already, as single metrics).
    flush: () => {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    },
  };
}
