import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_CODE_LIFETIME,
  MAX_ACCESS_CODE_ATTEMPTS,
  attemptAccessCode,
  isLockedOut,
  type AccessCode,
  type AccessCodeId,
} from '../../domain/access-code';
import type { HouseholdId, RingId, VisitorId } from '../../domain/ids';
import type { Instant } from '../../domain/time';
import { MAX_INSTANT } from '../support/arbitraries';

const ISSUED_MAX = MAX_INSTANT - 2 * ACCESS_CODE_LIFETIME;

function aCode(index: number, issuedAt: Instant): AccessCode {
  return {
    id: `code-${index}` as AccessCodeId,
    householdId: 'home-1' as HouseholdId,
    ringId: `ring-${index}` as RingId,
    visitorId: `visitor-${index}` as VisitorId,
    visitorName: `Visitor ${index}`,
    salt: 'salt',
    codeHash: 'hash',
    issuedAt,
    expiresAt: issuedAt + ACCESS_CODE_LIFETIME,
    failedAttempts: 0,
  };
}

/** 1–4 codes issued within a minute of each other, and a time when all of them are still unexpired. */
const anyLiveCodes = fc
  .tuple(fc.integer({ min: 0, max: ISSUED_MAX }), fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 1, maxLength: 4 }))
  .map(([start, offsets]) => ({ codes: offsets.map((offset, index) => aCode(index, start + offset)), now: start + 60_000 }));

/** A wrong guess as VerifyAccessCode charges it: one failure against every active code of the household. */
function wrongGuess(codes: readonly AccessCode[], now: Instant): AccessCode[] {
  return codes.map((code) => attemptAccessCode(code, { matches: false, now }).next);
}

describe('isLockedOut (the keypad rate limit)', () => {
  it(`locks the household out exactly at the ${MAX_ACCESS_CODE_ATTEMPTS}th wrong guess, whatever its codes`, () => {
    fc.assert(
      fc.property(anyLiveCodes, ({ codes, now }) => {
        let current: readonly AccessCode[] = codes;
        for (let guess = 1; guess <= MAX_ACCESS_CODE_ATTEMPTS + 2; guess++) {
          current = wrongGuess(current, now);
          expect(isLockedOut(current, now)).toBe(guess >= MAX_ACCESS_CODE_ATTEMPTS);
        }
      }),
    );
  });

  it('never locks out a household without codes: the message cannot appear before a code was guessed at', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_INSTANT }), (now) => {
        expect(isLockedOut([], now)).toBe(false);
      }),
    );
  });

  it('is lifted by any active code (a new code issued after the lockout), and does not depend on the order of codes', () => {
    fc.assert(
      fc.property(anyLiveCodes, fc.nat(), ({ codes, now }, seed) => {
        let locked: AccessCode[] = [...codes];
        for (let guess = 0; guess < MAX_ACCESS_CODE_ATTEMPTS; guess++) locked = wrongGuess(locked, now);
        const fresh = aCode(99, now);
        const position = seed % (locked.length + 1);
        const withFresh = [...locked.slice(0, position), fresh, ...locked.slice(position)];
        expect(isLockedOut(withFresh, now)).toBe(false);
        expect(isLockedOut([...locked].reverse(), now)).toBe(true);
      }),
    );
  });

  it('counts only live codes: used or expired codes neither lock out nor lift it', () => {
    fc.assert(
      fc.property(anyLiveCodes, ({ codes, now }) => {
        const used = codes.map((code) => ({ ...code, usedAt: now }));
        expect(isLockedOut(used, now)).toBe(false);
        const expiredAt = Math.max(...codes.map((code) => code.expiresAt));
        expect(isLockedOut(codes, expiredAt)).toBe(false);
      }),
    );
  });
});
