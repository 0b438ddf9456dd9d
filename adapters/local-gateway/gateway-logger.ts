/**
 * Where the gateway reports what a developer should see: failing handlers, refused handshakes, dropped sockets.
 * Structurally the same as the Lambda handlers' `HandlerLogger`, so the composition can pass one logger to both.
 */
export interface GatewayLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Warnings and errors to stderr: a handler that throws locally must not fail in silence. */
export const CONSOLE_WARNINGS_LOGGER: GatewayLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message, fields) => console.warn(`[local-gateway] ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`[local-gateway] ${message}`, fields ?? ''),
};

/** What a log line needs of anything thrown: its name and message, and the stack when there is one. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { thrown: typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error)) };
}
