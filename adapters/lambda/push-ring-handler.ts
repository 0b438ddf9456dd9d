import type { PushRing, PushRingResult } from '../../application/push-ring';
import { parseEvent } from './parse-event';
import type { HandlerTelemetry } from './telemetry';
import { MALFORMED_TASK, pushRingInput } from './workflow-events';

export type PushRingOutput =
  | { readonly kind: 'pushed'; readonly delivered: number; readonly pruned: number; readonly failed: number }
  | { readonly kind: 'skipped'; readonly reason: string };

export interface PushRingHandlerDeps {
  readonly pushRing: Pick<PushRing, 'execute'>;
  readonly telemetry: HandlerTelemetry;
}

/**
 * The ring workflow's PushRing state: the announced ring to every Web Push subscription of the household. Push
 * failures are counted (`PushesFailed`, which an alarm watches), never thrown; a storage error propagates, and the
 * state's Catch lets the run go on to the answer wait all the same.
 */
export function makePushRingHandler(deps: PushRingHandlerDeps) {
  const { logger } = deps.telemetry;
  return async (input: unknown): Promise<PushRingOutput> => {
    const task = parseEvent(pushRingInput, input, logger, 'malformed push-ring input');
    if (task === undefined) return MALFORMED_TASK;
    return report(await deps.pushRing.execute(task), task.ringId, deps.telemetry);
  };
}

function report(result: PushRingResult, ringId: string, telemetry: HandlerTelemetry): PushRingOutput {
  if (result.kind === 'skipped') {
    telemetry.logger.info('ring not pushed', { ringId, reason: result.reason });
    return result;
  }
  telemetry.count('PushesDelivered', result.delivered);
  telemetry.count('PushSubscriptionsPruned', result.pruned);
  telemetry.count('PushesFailed', result.failed.length);
  if (result.failed.length > 0) telemetry.logger.warn('some pushes failed', { ringId, failed: result.failed });
  telemetry.logger.info('ring pushed', { ringId, delivered: result.delivered, pruned: result.pruned });
  return { kind: 'pushed', delivered: result.delivered, pruned: result.pruned, failed: result.failed.length };
}
