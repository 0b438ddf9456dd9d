import type { Logger } from '@aws-lambda-powertools/logger';

/** The part of powertoolsTelemetry an entry point drives. */
export interface EntryTelemetry {
  readonly powertoolsLogger: Pick<Logger, 'addContext'>;
  flush(): void;
}

/** The Lambda context, as Powertools reads it (typed through Powertools: `aws-lambda` is a types-only package). */
export type LambdaContext = Parameters<Logger['addContext']>[0];

/**
 * The exported `handler` of a composition root: puts the invocation's request id (and function name, cold start…)
 * on every log line, runs the handler, and publishes the metrics it counted, whether it succeeded or threw.
 */
export function lambdaEntry<Result>(telemetry: EntryTelemetry, handle: (event: unknown) => Promise<Result>) {
  return async (event: unknown, context: LambdaContext): Promise<Result> => {
    telemetry.powertoolsLogger.addContext(context);
    try {
      return await handle(event);
    } finally {
      telemetry.flush();
    }
  };
}
