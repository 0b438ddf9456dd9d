import type { Answer } from '../answer';
import type { Ring } from '../ring';
import { isoTime, type Duration, type Instant } from '../time';
import { ringSummary, type CodeRefusalReason } from '../protocol/server-messages';
import type { HouseholdId } from '../ids';

/**
 * The JSON body of a webhook delivery (docs/webhooks.md). Links, never photo bytes: a ring carries a short-lived
 * snapshot link. `id` is the event's (the same in every delivery and retry of it); `occurredAt` is ISO 8601, UTC.
 */
interface PayloadBase {
  readonly id: string;
  readonly occurredAt: string;
  readonly householdId: string;
}

export interface RingPayload extends PayloadBase {
  readonly event: 'ring';
  readonly ringId: string;
  readonly doorName: string;
  readonly outcome: string;
  /** "Alice is at the front door": ready for a speaker. */
  readonly text: string;
  readonly visitors: readonly { readonly name: string }[];
  readonly unknownFaces: number;
  readonly snapshotUrl?: string;
}

export interface AnswerPayload extends PayloadBase {
  readonly event: 'answer';
  readonly ringId: string;
  readonly reply: string;
  readonly byName: string;
}

export interface AccessCodePayload extends PayloadBase {
  readonly event: 'access-code';
  readonly outcome: 'accepted' | 'refused';
  readonly visitorName?: string;
  /** Why it was refused, when the keypad says why: `too-many-attempts` while the household's codes are locked. */
  readonly reason?: CodeRefusalReason;
}

export type WebhookPayload = RingPayload | AnswerPayload | AccessCodePayload;

/** The ring as the devices' `ring` message words it (one definition: ringSummary), minus what a speaker needs not. */
export function ringPayload(
  id: string,
  ring: Ring,
  doorName: string,
  snapshotUrl: string | undefined,
  answerWindow: Duration,
): RingPayload {
  const summary = ringSummary(ring, doorName, snapshotUrl, answerWindow);
  return {
    event: 'ring',
    id,
    occurredAt: summary.at,
    householdId: ring.householdId,
    ringId: summary.ringId,
    doorName: summary.doorName,
    outcome: summary.outcome,
    text: summary.text,
    visitors: summary.visitors.map(({ name }) => ({ name })),
    unknownFaces: summary.unknownFaces,
    ...(summary.snapshotUrl === undefined ? {} : { snapshotUrl: summary.snapshotUrl }),
  };
}

export function answerPayload(id: string, answer: Answer): AnswerPayload {
  return {
    event: 'answer',
    id,
    occurredAt: isoTime(answer.at),
    householdId: answer.householdId,
    ringId: answer.ringId,
    reply: answer.reply,
    byName: answer.byName,
  };
}

export function accessCodePayload(
  id: string,
  householdId: HouseholdId,
  at: Instant,
  outcome: 'accepted' | 'refused',
  visitorName: string | undefined,
  reason?: CodeRefusalReason,
): AccessCodePayload {
  return {
    event: 'access-code',
    id,
    occurredAt: isoTime(at),
    householdId,
    outcome,
    ...(outcome === 'accepted' && visitorName !== undefined ? { visitorName } : {}),
    ...(outcome === 'refused' && reason !== undefined ? { reason } : {}),
  };
}
