import type { HandlerTelemetry } from '../../../adapters/lambda/telemetry';

export interface LogCall {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields?: Record<string, unknown>;
}

export interface CountCall {
  readonly metric: string;
  readonly value: number;
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** Telemetry that keeps every log line and count, to assert on what handlers say (and never say). */
export function recordingTelemetry() {
  const logs: LogCall[] = [];
  const counts: CountCall[] = [];
  const log =
    (level: LogCall['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logs.push({ level, message, ...(fields === undefined ? {} : { fields }) });
    };
  const telemetry: HandlerTelemetry = {
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    count(metric, value = 1, dimensions) {
      counts.push({ metric, value, ...(dimensions === undefined ? {} : { dimensions }) });
    },
  };
  return {
    telemetry,
    logs,
    counts,
    /** Everything logged, as one text (errors with message and stack), to search for what must not be there. */
    text: (): string =>
      JSON.stringify(logs, (_, value: unknown) =>
        value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
      ),
    total: (metric: string): number => counts.filter((count) => count.metric === metric).reduce((sum, count) => sum + count.value, 0),
  };
}
