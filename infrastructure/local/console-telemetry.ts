import type { HandlerTelemetry } from '../../adapters/lambda/telemetry';

/**
 * The local doorbell's log: warnings and errors always (a failing handler must not fail in silence), everything
 * with `verbose`, one line each on stderr so stdout stays for what the server prints to its user.
 */
export function consoleTelemetry(verbose: boolean): HandlerTelemetry {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(`[${level}] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
  const quiet = () => undefined;
  return {
    logger: { debug: verbose ? write('debug') : quiet, info: verbose ? write('info') : quiet, warn: write('warn'), error: write('error') },
    count: () => undefined,
  };
}
