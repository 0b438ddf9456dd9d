import type { RingResponse } from '../domain/answer';
import type { WorkflowCallbacks } from '../domain/ports/workflow-callbacks';
import { isoTime } from '../domain/time';

/** What the ring workflow's answer state outputs: the response, without device ids. */
export type RingResponseOutput =
  | { readonly kind: 'answered'; readonly byName: string; readonly reply: string; readonly at: string }
  | { readonly kind: 'unanswered'; readonly at: string };

export function ringResponseOutput(response: RingResponse): RingResponseOutput {
  return response.kind === 'answered'
    ? { kind: 'answered', byName: response.answer.byName, reply: response.answer.reply, at: isoTime(response.answer.at) }
    : { kind: 'unanswered', at: isoTime(response.at) };
}

/**
 * - resumed: the waiting run got the response;
 * - no-waiting-run: no token kept yet (the run keeps it and then finds the response itself), or it expired;
 * - failed: the callback could not be made now; the run's timeout still ends the wait, and the recorded response
 *   stands (RecordUnansweredRing keeps it).
 */
export type ResumeOutcome = 'resumed' | 'no-waiting-run' | 'failed';

/** Hands the response to the run waiting for it; never throws: the response is recorded whatever happens here. */
export async function resumeWaitingRun(
  workflow: WorkflowCallbacks,
  taskToken: string | undefined,
  response: RingResponse,
): Promise<ResumeOutcome> {
  if (taskToken === undefined) return 'no-waiting-run';
  try {
    return (await workflow.succeed(taskToken, ringResponseOutput(response))) === 'resumed' ? 'resumed' : 'no-waiting-run';
  } catch {
    return 'failed';
  }
}
