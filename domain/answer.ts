import type { DeviceId, HouseholdId, RingId } from './ids';
import type { Ring } from './ring';
import { seconds, type Duration, type Instant } from './time';

/**
 * Quick replies: a resident answers a ring with a preset or a short text; the doorbell shows it and the other
 * residents see who answered. The first response to a ring wins: the first answer, or `unanswered` recorded when
 * the answer window closes without one (so a late answer and the timeout can't both win).
 */
export const REPLY_PRESETS = ['coming', 'be-right-there', 'leave-it-at-the-door', 'not-home', 'no-thanks'] as const;
export type ReplyPreset = (typeof REPLY_PRESETS)[number];

/** Each preset as people read it: on the dashboard's buttons, and on a push notification's actions. */
export const REPLY_LABELS: Readonly<Record<ReplyPreset, string>> = {
  coming: 'Coming!',
  'be-right-there': 'Be right there',
  'leave-it-at-the-door': 'Leave it at the door',
  'not-home': 'Not home',
  'no-thanks': 'No, thanks',
};

export const MAX_REPLY_LENGTH = 140;

/**
 * How long after the press a ring can be answered; after it the ring is (or will be) recorded as unanswered. The
 * ring workflow waits as long (its answer state's timeout), so both ends close together.
 */
export const DEFAULT_ANSWER_WINDOW: Duration = seconds(60);

export interface Answer {
  readonly ringId: RingId;
  readonly householdId: HouseholdId;
  readonly byDeviceId: DeviceId;
  readonly byName: string;
  /** A preset as is, or free text tidied by `parseReply`. */
  readonly reply: string;
  readonly at: Instant;
}

/** What became of a ring that waited for an answer: the first of these recorded wins. */
export type RingResponse =
  | { readonly kind: 'answered'; readonly answer: Answer }
  | { readonly kind: 'unanswered'; readonly householdId: HouseholdId; readonly ringId: RingId; readonly at: Instant };

export type ReplyCheck = { readonly ok: true; readonly reply: string } | { readonly ok: false; readonly reason: string };

export function isReplyPreset(value: unknown): value is ReplyPreset {
  return typeof value === 'string' && (REPLY_PRESETS as readonly string[]).includes(value);
}

/**
 * A reply as sent by a device → the reply to store: a preset unchanged, or free text trimmed (Unicode-normalized,
 * inner whitespace collapsed), 1–140 characters (code points), without control characters.
 */
export function parseReply(raw: unknown): ReplyCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'reply must be a string' };
  if (isReplyPreset(raw)) return { ok: true, reply: raw };
  if (/\p{Cc}/u.test(raw.replace(/[\t\n\r]/gu, ' '))) return { ok: false, reason: 'reply contains control characters' };
  const text = raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (text.length === 0) return { ok: false, reason: 'reply is empty' };
  if ([...text].length > MAX_REPLY_LENGTH) return { ok: false, reason: `reply is longer than ${MAX_REPLY_LENGTH} characters` };
  return { ok: true, reply: text };
}

/** Until when the ring can be answered. */
export function answerDeadline(ring: Pick<Ring, 'at'>, window: Duration = DEFAULT_ANSWER_WINDOW): Instant {
  return ring.at + window;
}

export function isAnswerable(ring: Pick<Ring, 'at'>, now: Instant, window: Duration = DEFAULT_ANSWER_WINDOW): boolean {
  return now < answerDeadline(ring, window);
}
