import type { AwaitAnswer, AwaitAnswerResult } from '../../application/await-answer';
import type { RecordUnansweredResult, RecordUnansweredRing } from '../../application/record-unanswered-ring';
import { ringResponseOutput, type RingResponseOutput } from '../../application/ring-response-output';
import { parseEvent } from './parse-event';
import type { HandlerTelemetry } from './telemetry';
import { answerWindowInput, MALFORMED_TASK } from './workflow-events';

export type AnswerWindowOutput =
  | AwaitAnswerResult
  | RingResponseOutput
  | { readonly kind: 'skipped'; readonly reason: 'malformed input' | 'ring-not-found' };

export interface AnswerWindowHandlerDeps {
  readonly awaitAnswer: Pick<AwaitAnswer, 'execute'>;
  readonly recordUnanswered: Pick<RecordUnansweredRing, 'execute'>;
  readonly telemetry: HandlerTelemetry;
}

/**
 * The workflow's answer window: AwaitAnswer (a `.waitForTaskToken` state: this keeps the token with the ring; the
 * run then waits for the answer to hand it back) and RecordUnansweredRing at the window's timeout. The task token
 * is a credential for the run: it is never logged.
 */
export function makeAnswerWindowHandler(deps: AnswerWindowHandlerDeps) {
  const { logger } = deps.telemetry;
  return async (input: unknown): Promise<AnswerWindowOutput> => {
    const task = parseEvent(answerWindowInput, input, logger, 'malformed answer-window input');
    if (task === undefined) return MALFORMED_TASK;
    const ring = { householdId: task.householdId, ringId: task.ringId };
    if (task.task === 'awaitAnswer') {
      const result = await deps.awaitAnswer.execute({ ...ring, taskToken: task.taskToken });
      logger.info('waiting for an answer', { ringId: ring.ringId, result: result.kind });
      return result;
    }
    return reportUnanswered(await deps.recordUnanswered.execute(ring), ring.ringId, deps.telemetry);
  };
}

function reportUnanswered(result: RecordUnansweredResult, ring: string, telemetry: HandlerTelemetry): AnswerWindowOutput {
  switch (result.kind) {
    case 'ring-not-found':
      telemetry.logger.warn('the ring to record unanswered is gone', { ringId: ring });
      return { kind: 'skipped', reason: 'ring-not-found' };
    case 'answered':
      // The answer won the race with the timeout: it stands, and is the run's output.
      return ringResponseOutput(result.response);
    case 'unanswered':
      telemetry.count('RingsUnanswered');
      telemetry.logger.info('ring unanswered', { ringId: ring });
      return ringResponseOutput(result.response);
  }
}
