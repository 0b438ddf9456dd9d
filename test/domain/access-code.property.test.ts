import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_CODE_LIFETIME,
  MAX_ACCESS_CODE_ATTEMPTS,
  accessCodeState,
  attemptAccessCode,
  isWellFormedCode,
  type AccessCode,
  type AccessCodeId,
  type AccessCodeState,
} from '../../domain/access-code';
import type { HouseholdId, RingId, VisitorId } from '../../domain/ids';
import type { Instant } from '../../domain/time';
import { MAX_INSTANT } from '../support/arbitraries';

const ISSUED_MAX = MAX_INSTANT - 2 * ACCESS_CODE_LIFETIME;

/** A freshly issued code. */
const anyFreshCode: fc.Arbitrary<AccessCode> = fc.integer({ min: 0, max: ISSUED_MAX }).map((issuedAt) => ({
  id: 'code-1' as AccessCodeId,
  householdId: 'home-1' as HouseholdId,
  ringId: 'ring-1' as RingId,
  visitorId: 'visitor-1' as VisitorId,
  visitorName: 'Alice',
  salt: 'salt',
  codeHash: 'hash',
  issuedAt,
  expiresAt: issuedAt + ACCESS_CODE_LIFETIME,
  failedAttempts: 0,
}));

/** Attempts as offsets from issue (some after expiry) and whether they match, in time order. */
const anyAttempts = fc
  .array(fc.record({ offset: fc.integer({ min: 0, max: 2 * ACCESS_CODE_LIFETIME }), matches: fc.boolean() }), { maxLength: 20 })
  .map((attempts) => [...attempts].sort((a, b) => a.offset - b.offset));

function play(code: AccessCode, attempts: readonly { offset: number; matches: boolean }[]) {
  let current = code;
  const trace: { at: Instant; matches: boolean; outcome: string; before: AccessCode; after: AccessCode }[] = [];
  for (const attempt of attempts) {
    const at = code.issuedAt + attempt.offset;
    const { outcome, next } = attemptAccessCode(current, { matches: attempt.matches, now: at });
    trace.push({ at, matches: attempt.matches, outcome, before: current, after: next });
    current = next;
  }
  return { final: current, trace };
}

describe('attemptAccessCode', () => {
  it('is single use: at most one attempt is ever valid', () => {
    fc.assert(
      fc.property(anyFreshCode, anyAttempts, (code, attempts) => {
        const { trace } = play(code, attempts);
        expect(trace.filter((step) => step.outcome === 'valid').length).toBeLessThanOrEqual(1);
        const validIndex = trace.findIndex((step) => step.outcome === 'valid');
        if (validIndex >= 0) for (const step of trace.slice(validIndex + 1)) expect(step.outcome).toBe('used');
      }),
    );
  });

  it('never accepts a code at or after its expiry', () => {
    fc.assert(
      fc.property(anyFreshCode, anyAttempts, (code, attempts) => {
        for (const step of play(code, attempts).trace) {
          if (step.at >= code.expiresAt) expect(step.outcome).not.toBe('valid');
        }
      }),
    );
  });

  it('accepts the right code before expiry on an untouched code', () => {
    fc.assert(
      fc.property(anyFreshCode, fc.integer({ min: 0, max: ACCESS_CODE_LIFETIME - 1 }), (code, offset) => {
        const { outcome, next } = attemptAccessCode(code, { matches: true, now: code.issuedAt + offset });
        expect(outcome).toBe('valid');
        expect(next.usedAt).toBe(code.issuedAt + offset);
      }),
    );
  });

  it('locks after MAX_ACCESS_CODE_ATTEMPTS failures: then even the right code fails', () => {
    fc.assert(
      fc.property(anyFreshCode, fc.integer({ min: 0, max: ACCESS_CODE_LIFETIME - 1 }), (code, offset) => {
        const now = code.issuedAt + offset;
        let current = code;
        for (let n = 0; n < MAX_ACCESS_CODE_ATTEMPTS; n++) {
          const { outcome, next } = attemptAccessCode(current, { matches: false, now });
          expect(outcome).toBe('invalid');
          current = next;
        }
        expect(attemptAccessCode(current, { matches: true, now })).toEqual({ outcome: 'locked', next: current });
      }),
    );
  });

  it('never counts more failures than the limit, and accepts nothing after them', () => {
    fc.assert(
      fc.property(anyFreshCode, anyAttempts, (code, attempts) => {
        const { final, trace } = play(code, attempts);
        expect(final.failedAttempts).toBeLessThanOrEqual(MAX_ACCESS_CODE_ATTEMPTS);
        for (const step of trace) {
          if (step.before.failedAttempts >= MAX_ACCESS_CODE_ATTEMPTS) expect(step.outcome).not.toBe('valid');
        }
      }),
    );
  });

  it('changes a code only when active, and then only usedAt or failedAttempts', () => {
    fc.assert(
      fc.property(anyFreshCode, anyAttempts, (code, attempts) => {
        for (const step of play(code, attempts).trace) {
          if (accessCodeState(step.before, step.at) !== 'active') expect(step.after).toBe(step.before);
          const { usedAt: _u, failedAttempts: _f, ...restBefore } = step.before;
          const { usedAt: _u2, failedAttempts: _f2, ...restAfter } = step.after;
          expect(restAfter).toEqual(restBefore);
        }
      }),
    );
  });
});

describe('accessCodeState', () => {
  it('is monotonic: once a code is not active, it stays in that state as time and attempts go on', () => {
    fc.assert(
      fc.property(anyFreshCode, anyAttempts, (code, attempts) => {
        const { trace } = play(code, attempts);
        let reached: AccessCodeState | undefined;
        for (const step of trace) {
          const state = accessCodeState(step.after, step.at);
          if (reached !== undefined) expect(state).toBe(reached);
          else if (state !== 'active') reached = state;
        }
      }),
    );
  });
});

describe('isWellFormedCode', () => {
  it('accepts exactly six ASCII digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        expect(isWellFormedCode(String(n).padStart(6, '0'))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(isWellFormedCode(text)).toBe(/^[0-9]{6}$/.test(text));
      }),
    );
    for (const bad of ['12345', '1234567', '١٢٣٤٥٦', ' 123456', 123456, undefined]) expect(isWellFormedCode(bad)).toBe(false);
  });
});
