import type { HouseholdId, RingId, VisitorId } from './ids';
import { minutes, type Duration, type Instant } from './time';

/**
 * One-time access codes. When a trusted visitor is identified at the door, a 6-digit code is issued, pushed to the
 * household's resident devices (never to the doorbell) and typed by the visitor on the doorbell's keypad.
 *
 * - The code is stored only as a salted hash (`salt`, `codeHash`); the plain code exists once, in the push.
 * - Valid for ACCESS_CODE_LIFETIME after issue, single use, and locked after MAX_ACCESS_CODE_ATTEMPTS failures.
 * - Decision: a failed attempt at a household's keypad counts against EVERY active code of that household. The
 *   keypad cannot tell which code a wrong guess was aimed at, and charging each code separately would give an
 *   attacker 5 guesses per code × codes; this way a household has at most 5 wrong guesses per code window.
 * - Terminal states are permanent: a used, locked or expired code never becomes active again (time moves forward).
 */
export const ACCESS_CODE_DIGITS = 6;
export const ACCESS_CODE_LIFETIME: Duration = minutes(5);
export const MAX_ACCESS_CODE_ATTEMPTS = 5;
export const ACCESS_CODE_PATTERN = /^[0-9]{6}$/;

declare const accessCodeBrand: unique symbol;
/** Minted by the IdGenerator port (so it matches ID_PATTERN). */
export type AccessCodeId = string & { readonly [accessCodeBrand]: 'AccessCodeId' };

export interface AccessCode {
  readonly id: AccessCodeId;
  readonly householdId: HouseholdId;
  readonly ringId: RingId;
  readonly visitorId: VisitorId;
  readonly visitorName: string;
  /** Encoded by the CodeHasher; opaque to the domain. */
  readonly salt: string;
  readonly codeHash: string;
  readonly issuedAt: Instant;
  readonly expiresAt: Instant;
  readonly failedAttempts: number;
  /** Set once the code has opened the door. */
  readonly usedAt?: Instant;
}

export type AccessCodeState = 'active' | 'used' | 'locked' | 'expired';
export type AttemptOutcome = 'valid' | 'invalid' | 'expired' | 'used' | 'locked';

/** Whether `text` has the shape of a code (exactly six ASCII digits); anything else can never match. */
export function isWellFormedCode(text: unknown): text is string {
  return typeof text === 'string' && ACCESS_CODE_PATTERN.test(text);
}

export function accessCodeExpiresAt(issuedAt: Instant, lifetime: Duration = ACCESS_CODE_LIFETIME): Instant {
  return issuedAt + lifetime;
}

/**
 * The state of a code at `now`. Precedence: used, then locked, then expired, so a state once reached never changes
 * as time passes or attempts pile up.
 */
export function accessCodeState(code: AccessCode, now: Instant): AccessCodeState {
  if (code.usedAt !== undefined) return 'used';
  if (code.failedAttempts >= MAX_ACCESS_CODE_ATTEMPTS) return 'locked';
  if (now >= code.expiresAt) return 'expired';
  return 'active';
}

/**
 * One attempt against one code, given whether the typed digits match its hash (the hash check is the CodeHasher's,
 * done by the caller). Only an active code changes: a match uses it ('valid'), a miss counts a failure ('invalid').
 * A used, locked or expired code fails with its state as the outcome and is returned unchanged.
 */
export function attemptAccessCode(
  code: AccessCode,
  attempt: { readonly matches: boolean; readonly now: Instant },
): { readonly outcome: AttemptOutcome; readonly next: AccessCode } {
  const state = accessCodeState(code, attempt.now);
  if (state !== 'active') return { outcome: state, next: code };
  if (attempt.matches) return { outcome: 'valid', next: { ...code, usedAt: attempt.now } };
  return { outcome: 'invalid', next: { ...code, failedAttempts: code.failedAttempts + 1 } };
}

/**
 * Whether the household's keypad is locked out by failed attempts: at least one of its live codes (unused, not
 * expired: what `activeByHousehold` returns) is locked, and none is still active. Then no code of the household can
 * open the door, whatever is typed, and the keypad says so ("Too many wrong codes") instead of "not accepted", so
 * that the visitor asks for a new code rather than typing on. It depends on the household's codes only, never on
 * the digits typed, so the message says nothing about a guess (right or wrong, which code it was aimed at). A new
 * code issued afterwards is active, which lifts the lockout for that code.
 */
export function isLockedOut(liveCodes: readonly AccessCode[], now: Instant): boolean {
  const states = liveCodes.map((code) => accessCodeState(code, now));
  return states.includes('locked') && !states.includes('active');
}
