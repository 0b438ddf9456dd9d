import type { HouseholdId, RingId } from '../domain/ids';
import type { AnswerRepository } from '../domain/ports/answer-repository';
import type { Clock } from '../domain/ports/clock';
import type { RingRepository } from '../domain/ports/ring-repository';
import type { RingResponse } from '../domain/answer';

export type RecordUnansweredResult =
  | { readonly kind: 'unanswered'; readonly response: RingResponse }
  | { readonly kind: 'answered'; readonly response: RingResponse }
  | { readonly kind: 'ring-not-found' };

/**
 * The answer window closed (the workflow's wait timed out): records the ring as unanswered unless an answer got
 * there first, in which case that answer stands. Idempotent.
 */
export class RecordUnansweredRing {
  constructor(
    private readonly rings: RingRepository,
    private readonly answers: AnswerRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: { readonly householdId: HouseholdId; readonly ringId: RingId }): Promise<RecordUnansweredResult> {
    const now = this.clock.now();
    const ring = await this.rings.get(command.householdId, command.ringId, now);
    if (!ring) return { kind: 'ring-not-found' };
    const unanswered: RingResponse = { kind: 'unanswered', householdId: ring.householdId, ringId: ring.id, at: now };
    const recorded = await this.answers.record(unanswered, ring.expiresAt);
    if (recorded.kind === 'recorded') return { kind: 'unanswered', response: unanswered };
    return { kind: recorded.response.kind, response: recorded.response };
  }
}
