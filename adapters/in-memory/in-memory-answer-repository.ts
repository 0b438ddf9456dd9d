import type { RingResponse } from '../../domain/answer';
import type { HouseholdId, RingId } from '../../domain/ids';
import type { AnswerRepository, RecordResponseResult, WaitingTask } from '../../domain/ports/answer-repository';
import type { Instant } from '../../domain/time';
import { copy } from './copy';

export class InMemoryAnswerRepository implements AnswerRepository {
  private readonly responses = new Map<string, { readonly response: RingResponse; readonly expiresAt: Instant }>();
  private readonly waiting = new Map<string, { readonly taskToken: string; readonly expiresAt: Instant }>();

  async record(response: RingResponse, expiresAt: Instant): Promise<RecordResponseResult> {
    const key = storageKey(...keyOf(response));
    const stored = this.responses.get(key);
    if (stored) return { kind: 'already-responded', response: copy(stored.response) };
    this.responses.set(key, { response: copy(response), expiresAt });
    return { kind: 'recorded' };
  }

  async get(householdId: HouseholdId, ringId: RingId, now: Instant): Promise<RingResponse | undefined> {
    const stored = this.responses.get(storageKey(householdId, ringId));
    return stored && now < stored.expiresAt ? copy(stored.response) : undefined;
  }

  async keepWaitingTask(wait: WaitingTask, expiresAt: Instant): Promise<void> {
    this.waiting.set(storageKey(wait.householdId, wait.ringId), { taskToken: wait.taskToken, expiresAt });
  }

  async waitingTask(householdId: HouseholdId, ringId: RingId, now: Instant): Promise<string | undefined> {
    const stored = this.waiting.get(storageKey(householdId, ringId));
    return stored && now < stored.expiresAt ? stored.taskToken : undefined;
  }
}

function keyOf(response: RingResponse): [HouseholdId, RingId] {
  return response.kind === 'answered' ? [response.answer.householdId, response.answer.ringId] : [response.householdId, response.ringId];
}

function storageKey(householdId: HouseholdId, ringId: RingId): string {
  return `${householdId}/${ringId}`;
}
