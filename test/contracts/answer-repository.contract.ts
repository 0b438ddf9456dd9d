import { describe, expect, it } from 'vitest';
import type { Answer, RingResponse } from '../../domain/answer';
import type { AnswerRepository } from '../../domain/ports/answer-repository';
import { aDeviceId, aHouseholdId, aRingId, T0 } from '../support/builders';

const LATER = T0 + 86_400_000;

function answered(overrides: Partial<Answer> = {}): RingResponse {
  return {
    kind: 'answered',
    answer: {
      ringId: aRingId(),
      householdId: aHouseholdId(),
      byDeviceId: aDeviceId(),
      byName: 'Phone',
      reply: 'coming',
      at: T0,
      ...overrides,
    },
  };
}

export function answerRepositoryContract(name: string, make: () => Promise<AnswerRepository>): void {
  describe(`AnswerRepository: ${name}`, () => {
    it('records the first response and returns it', async () => {
      const repository = await make();
      const response = answered();
      if (response.kind !== 'answered') throw new Error('unreachable');
      expect(await repository.record(response, LATER)).toEqual({ kind: 'recorded' });
      expect(await repository.get(response.answer.householdId, response.answer.ringId, T0)).toEqual(response);
    });

    it('keeps the first response: a later answer or unanswered gets it back', async () => {
      const repository = await make();
      const first = answered();
      if (first.kind !== 'answered') throw new Error('unreachable');
      const { householdId, ringId } = first.answer;
      await repository.record(first, LATER);
      expect(await repository.record(answered({ householdId, ringId, byName: 'Dashboard' }), LATER)).toEqual({
        kind: 'already-responded',
        response: first,
      });
      expect(await repository.record({ kind: 'unanswered', householdId, ringId, at: T0 + 1 }, LATER)).toEqual({
        kind: 'already-responded',
        response: first,
      });
    });

    it('lets exactly one of concurrent responses win', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const ringId = aRingId();
      const results = await Promise.all([
        ...Array.from({ length: 4 }, () => repository.record(answered({ householdId, ringId }), LATER)),
        repository.record({ kind: 'unanswered', householdId, ringId, at: T0 }, LATER),
      ]);
      expect(results.filter((result) => result.kind === 'recorded')).toHaveLength(1);
    });

    it("keeps households apart, and forgets a response after the ring's retention", async () => {
      const repository = await make();
      const response = answered();
      if (response.kind !== 'answered') throw new Error('unreachable');
      await repository.record(response, LATER);
      expect(await repository.get(aHouseholdId(), response.answer.ringId, T0)).toBeUndefined();
      expect(await repository.record(answered({ ringId: response.answer.ringId }), LATER)).toEqual({ kind: 'recorded' });
      expect(await repository.get(response.answer.householdId, response.answer.ringId, LATER)).toBeUndefined();
    });

    it('keeps the waiting task token with the ring, the latest one winning, apart from the response', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const ringId = aRingId();
      expect(await repository.waitingTask(householdId, ringId, T0)).toBeUndefined();
      await repository.keepWaitingTask({ householdId, ringId, taskToken: 'token-1' }, LATER);
      await repository.record({ kind: 'unanswered', householdId, ringId, at: T0 }, LATER);
      await repository.keepWaitingTask({ householdId, ringId, taskToken: 'token-2' }, LATER);
      expect(await repository.waitingTask(householdId, ringId, T0)).toBe('token-2');
      expect(await repository.get(householdId, ringId, T0)).toEqual({ kind: 'unanswered', householdId, ringId, at: T0 });
      expect(await repository.waitingTask(aHouseholdId(), ringId, T0)).toBeUndefined();
      expect(await repository.waitingTask(householdId, ringId, LATER)).toBeUndefined();
    });

    it('keeps a token stored after the response', async () => {
      const repository = await make();
      const response = answered();
      if (response.kind !== 'answered') throw new Error('unreachable');
      const { householdId, ringId } = response.answer;
      await repository.record(response, LATER);
      await repository.keepWaitingTask({ householdId, ringId, taskToken: 'late-token' }, LATER);
      expect(await repository.waitingTask(householdId, ringId, T0)).toBe('late-token');
      expect(await repository.get(householdId, ringId, T0)).toEqual(response);
    });
  });
}
