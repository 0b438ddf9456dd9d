/**
 * What handlers log and count, without tying them to a library: Powertools in Lambda (powertools-telemetry.ts),
 * a recorder in tests, the console locally. Log fields are structured; never put tokens or codes in them.
 */
export interface HandlerLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface HandlerTelemetry {
  readonly logger: HandlerLogger;
  /** Adds `value` to a count metric, optionally split by dimensions (e.g. `{ outcome: 'known' }`). */
  count(metric: string, value?: number, dimensions?: Readonly<Record<string, string>>): void;
}

/** Telemetry that goes nowhere: for code paths where nobody listens (scripts, some tests). */
export const SILENT_TELEMETRY: HandlerTelemetry = {
  logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  count: () => undefined,
};
