import type { HouseholdId, RingId } from '../domain/ids';
import type { AnswerRepository } from '../domain/ports/answer-repository';
import type { Clock } from '../domain/ports/clock';
import type { RingRepository } from '../domain/ports/ring-repository';
import type { WorkflowCallbacks } from '../domain/ports/workflow-callbacks';
import { resumeWaitingRun, type ResumeOutcome } from './ring-response-output';

export interface AwaitAnswerCommand {
  readonly householdId: HouseholdId;
  readonly ringId: RingId;
  /** The workflow's task token for this wait (Step Functions' `$$.Task.Token`). */
  readonly taskToken: string;
}

export type AwaitAnswerResult =
  | { readonly kind: 'waiting' }
  /** The ring was answered before the run started waiting: the run was resumed at once. */
  | { readonly kind: 'already-answered'; readonly workflow: ResumeOutcome }
  | { readonly kind: 'ring-not-found' };

/**
 * The ring workflow starts waiting for an answer: keeps its task token with the ring (never sent to devices), then
 * looks for an answer that arrived first (see AnswerRing for why this order always resumes the run).
 */
export class AwaitAnswer {
  constructor(
    private readonly rings: RingRepository,
    private readonly answers: AnswerRepository,
    private readonly workflow: WorkflowCallbacks,
    private readonly clock: Clock,
  ) {}

  async execute(command: AwaitAnswerCommand): Promise<AwaitAnswerResult> {
    const now = this.clock.now();
    const ring = await this.rings.get(command.householdId, command.ringId, now);
    if (!ring) {
      // Nothing to wait for: end the run now rather than at the timeout (which would end it the same way).
      await this.workflow.succeed(command.taskToken, { kind: 'ring-not-found' }).catch(() => 'expired');
      return { kind: 'ring-not-found' };
    }
    await this.answers.keepWaitingTask({ householdId: ring.householdId, ringId: ring.id, taskToken: command.taskToken }, ring.expiresAt);
    const response = await this.answers.get(ring.householdId, ring.id, now);
    if (!response) return { kind: 'waiting' };
    return { kind: 'already-answered', workflow: await resumeWaitingRun(this.workflow, command.taskToken, response) };
  }
}
