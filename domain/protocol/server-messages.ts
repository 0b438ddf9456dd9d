import { announcementText } from '../announcement';
import { DEVICE_ROLES, type DeviceRole } from '../device';
import type { Outcome, UnavailableReason } from '../identification';
import type { Ring, RingCursor } from '../ring';
import { isoTime, type Duration, type Instant } from '../time';
import { answerDeadline, type Answer } from '../answer';
import type { Visitor } from '../visitor';
import type { WebhookSummary } from '../webhooks/webhook';

/**
 * Server → device messages (docs/protocol.md): JSON, one object per frame, each with `type` and the schema `version`.
 * A change that breaks readers bumps MESSAGE_VERSION; additive fields don't.
 */
export const MESSAGE_VERSION = 1;

export interface RingSummary {
  readonly ringId: string;
  readonly doorbellId: string;
  readonly doorName: string;
  /** ISO 8601, UTC. */
  readonly at: string;
  readonly outcome: Outcome;
  /**
   * Only with outcome `unavailable`: why nobody could be identified, as recorded with the ring (`no-camera`: the
   * doorbell rang without a camera). Optional and additive: older readers ignore it; newer reasons may come.
   */
  readonly reason?: UnavailableReason;
  readonly visitors: readonly { readonly name: string; readonly similarity: number }[];
  readonly unknownFaces: number;
  readonly text: string;
  /** Short-lived link to the photo; absent when none could be made. */
  readonly snapshotUrl?: string;
  /** ISO 8601, UTC: until when residents can `answer` (the deployment's answer window after `at`). */
  readonly answerableUntil: string;
}

export interface RingMessage extends RingSummary {
  readonly type: 'ring';
  readonly version: typeof MESSAGE_VERSION;
}

export interface HistoryMessage {
  readonly type: 'history';
  readonly version: typeof MESSAGE_VERSION;
  readonly rings: readonly RingSummary[];
  /** Send back as `after` to get the next, older page; absent on the last page. */
  readonly next?: RingCursor;
}

/**
 * What a doorbell hears of a ring at its door: that it rang, and until when an answer may come. Never who is there
 * (names, outcome, unknown faces) nor the snapshot: whoever stands at a door page may be hostile, and must not learn
 * whom the household knows.
 */
export interface RingingMessage {
  readonly type: 'ringing';
  readonly version: typeof MESSAGE_VERSION;
  readonly ringId: string;
  /** ISO 8601, UTC. */
  readonly at: string;
  /** ISO 8601, UTC: until when a resident's reply may still come. */
  readonly answerableUntil: string;
}

/** A resident's reply as the door shows it: what was answered, never who answered (device names name residents). */
export interface ReplyMessage {
  readonly type: 'reply';
  readonly version: typeof MESSAGE_VERSION;
  readonly ringId: string;
  readonly reply: string;
  /** ISO 8601, UTC. */
  readonly at: string;
}

export interface PongMessage {
  readonly type: 'pong';
  readonly version: typeof MESSAGE_VERSION;
}

/** The answer to a doorbell's `requestUpload`: where to PUT the ring photo. */
export interface UploadUrlMessage {
  readonly type: 'uploadUrl';
  readonly version: typeof MESSAGE_VERSION;
  readonly ringId: string;
  readonly url: string;
  readonly method: 'PUT';
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresInSeconds: number;
  /** True when this press joined a ring announced moments ago (debounce): no new notification will follow. */
  readonly debounced?: boolean;
}

/** What an `error` message's `code` may be (`expired`: too late, e.g. an answer after the ring's answer window). */
export const ERROR_CODES = [
  'bad-request',
  'unknown-action',
  'payload-too-large',
  'forbidden',
  'not-found',
  'conflict',
  'expired',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorMessage {
  readonly type: 'error';
  readonly version: typeof MESSAGE_VERSION;
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * A one-time access code for a trusted visitor, pushed to the household's residents only (never to the doorbell,
 * whose keypad is where the code is typed). The only place a plain code ever appears.
 */
export interface AccessCodeMessage {
  readonly type: 'accessCode';
  readonly version: typeof MESSAGE_VERSION;
  readonly ringId: string;
  readonly visitorName: string;
  readonly code: string;
  /** ISO 8601, UTC. */
  readonly expiresAt: string;
}

/** Why a code was refused, when the keypad may be told: the household's codes are locked by wrong guesses. */
export const CODE_REFUSAL_REASONS = ['too-many-attempts'] as const;
export type CodeRefusalReason = (typeof CODE_REFUSAL_REASONS)[number];

/** What the keypad shows for each refusal reason (the door page and the CLI print it as it is). */
export const CODE_REFUSAL_TEXT: Readonly<Record<CodeRefusalReason, string>> = {
  'too-many-attempts': 'Too many wrong codes. Ask the household for a new one.',
};

/**
 * The answer to a keypad's `verifyCode`. Never carries the code; names the visitor when the code was valid. A refusal
 * says why only when the household's codes are locked by failed attempts (`reason`, with the text to show in
 * `message`); wrong, used and expired codes look alike.
 */
export interface CodeResultMessage {
  readonly type: 'codeResult';
  readonly version: typeof MESSAGE_VERSION;
  readonly result: 'valid' | 'invalid';
  readonly visitorName?: string;
  readonly reason?: CodeRefusalReason;
  readonly message?: string;
}

/** A resident's quick reply to a ring: shown on the doorbell, and to the other residents with who answered. */
export interface AnswerMessage {
  readonly type: 'answer';
  readonly version: typeof MESSAGE_VERSION;
  readonly ringId: string;
  readonly reply: string;
  readonly byName: string;
  /** ISO 8601, UTC. */
  readonly at: string;
}

/** A visitor as a resident device sees it: no face ids, only how many faces are enrolled. */
export interface VisitorSummary {
  readonly visitorId: string;
  readonly name: string;
  readonly trusted: boolean;
  readonly faces: number;
  /** ISO 8601, UTC. */
  readonly enrolledAt: string;
}

/** What changed, when the list answers an `enroll` or a `forget`. */
export type VisitorChange =
  | {
      readonly kind: 'enrolled';
      readonly name: string;
      readonly created: boolean;
      readonly photos: readonly ('indexed' | 'no-face' | 'unreadable')[];
    }
  | { readonly kind: 'forgotten'; readonly name: string };

/** The household's visitors by name: the answer to a resident's `visitors`, `enroll` and `forget`. */
export interface VisitorsMessage {
  readonly type: 'visitors';
  readonly version: typeof MESSAGE_VERSION;
  readonly visitors: readonly VisitorSummary[];
  readonly change?: VisitorChange;
}

/** A webhook as a resident device sees it: never its secret (only `change` of an `addWebhook` carries that, once). */
export interface WebhookSummaryMessage {
  readonly webhookId: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly state: 'active' | 'disabled';
  readonly consecutiveFailures: number;
  /** ISO 8601, UTC; when it was disabled. */
  readonly disabledAt?: string;
  readonly lastDelivery?: { readonly at: string; readonly outcome: string; readonly ok: boolean };
}

/** What changed, when the list answers `addWebhook`, `removeWebhook` or `enableWebhook`. */
export type WebhookChange =
  | { readonly kind: 'added'; readonly webhookId: string; readonly secret: string }
  | { readonly kind: 'removed'; readonly webhookId: string }
  | { readonly kind: 'enabled'; readonly webhookId: string };

/** The household's webhooks, oldest first: the answer to a resident's webhook actions. */
export interface WebhooksMessage {
  readonly type: 'webhooks';
  readonly version: typeof MESSAGE_VERSION;
  readonly webhooks: readonly WebhookSummaryMessage[];
  readonly change?: WebhookChange;
}

export function webhooksMessage(webhooks: readonly WebhookSummary[], change?: WebhookChange): WebhooksMessage {
  return {
    type: 'webhooks',
    version: MESSAGE_VERSION,
    webhooks: webhooks.map((webhook) => ({
      webhookId: webhook.id,
      url: webhook.url,
      events: webhook.events,
      state: webhook.disabledAt === undefined ? 'active' : 'disabled',
      consecutiveFailures: webhook.consecutiveFailures,
      ...(webhook.disabledAt === undefined ? {} : { disabledAt: isoTime(webhook.disabledAt) }),
      ...(webhook.lastDelivery === undefined
        ? {}
        : { lastDelivery: { at: isoTime(webhook.lastDelivery.at), outcome: webhook.lastDelivery.outcome, ok: webhook.lastDelivery.ok } }),
    })),
    ...(change === undefined ? {} : { change }),
  };
}

/** The answer to a resident's `pushKey`: the deployment's VAPID public key, for `PushManager.subscribe`. */
export interface PushKeyMessage {
  readonly type: 'pushKey';
  readonly version: typeof MESSAGE_VERSION;
  /** The uncompressed P-256 public key, base64url: `applicationServerKey`. */
  readonly publicKey: string;
}

/** The sending device's push subscriptions: the answer to `subscribePush`, `unsubscribePush` and `pushSubscriptions`. */
export interface PushSubscriptionsMessage {
  readonly type: 'pushSubscriptions';
  readonly version: typeof MESSAGE_VERSION;
  /** This device's subscriptions only, oldest first; the keys are never sent back. */
  readonly subscriptions: readonly { readonly endpoint: string /** ISO 8601, UTC. */; readonly createdAt: string }[];
}

export type ServerMessage =
  | PushKeyMessage
  | PushSubscriptionsMessage
  | RingMessage
  | HistoryMessage
  | UploadUrlMessage
  | PongMessage
  | ErrorMessage
  | AccessCodeMessage
  | CodeResultMessage
  | AnswerMessage
  | VisitorsMessage
  | RingingMessage
  | ReplyMessage
  | WebhooksMessage;

export type ServerMessageType = ServerMessage['type'];

/** The message of one `type`, e.g. `MessageOf<'ring'>` is RingMessage. */
export type MessageOf<T extends ServerMessageType> = Extract<ServerMessage, { readonly type: T }>;

/** `answerWindow`: the deployment's (RingSettings), so that devices know when the server stops taking answers. */
export function ringSummary(ring: Ring, doorName: string, snapshotUrl: string | undefined, answerWindow: Duration): RingSummary {
  const identification = ring.identification;
  return {
    ringId: ring.id,
    doorbellId: ring.doorbellId,
    doorName,
    at: isoTime(ring.at),
    outcome: identification.kind,
    ...(identification.kind === 'unavailable' ? { reason: identification.reason } : {}),
    visitors:
      identification.kind === 'known'
        ? identification.visitors.map(({ name, similarity }) => ({ name, similarity: round1(similarity) }))
        : [],
    unknownFaces: identification.kind === 'known' || identification.kind === 'unknown' ? identification.unknownFaces : 0,
    text: announcementText(identification, doorName),
    ...(snapshotUrl === undefined ? {} : { snapshotUrl }),
    answerableUntil: isoTime(answerDeadline(ring, answerWindow)),
  };
}

export function ringMessage(ring: Ring, doorName: string, snapshotUrl: string | undefined, answerWindow: Duration): RingMessage {
  return { type: 'ring', version: MESSAGE_VERSION, ...ringSummary(ring, doorName, snapshotUrl, answerWindow) };
}

export function historyMessage(rings: readonly RingSummary[], next?: RingCursor): HistoryMessage {
  return { type: 'history', version: MESSAGE_VERSION, rings, ...(next === undefined ? {} : { next }) };
}

export function pongMessage(): PongMessage {
  return { type: 'pong', version: MESSAGE_VERSION };
}

export function visitorsMessage(visitors: readonly Visitor[], change?: VisitorChange): VisitorsMessage {
  return {
    type: 'visitors',
    version: MESSAGE_VERSION,
    visitors: visitors.map((visitor) => ({
      visitorId: visitor.id,
      name: visitor.name,
      trusted: visitor.trusted,
      faces: visitor.faceIds.length,
      enrolledAt: isoTime(visitor.enrolledAt),
    })),
    ...(change === undefined ? {} : { change }),
  };
}

export function pushKeyMessage(publicKey: string): PushKeyMessage {
  return { type: 'pushKey', version: MESSAGE_VERSION, publicKey };
}

export function pushSubscriptionsMessage(
  subscriptions: readonly { readonly endpoint: string; readonly createdAt: Instant }[],
): PushSubscriptionsMessage {
  return {
    type: 'pushSubscriptions',
    version: MESSAGE_VERSION,
    subscriptions: [...subscriptions]
      .sort((a, b) => a.createdAt - b.createdAt || (a.endpoint < b.endpoint ? -1 : 1))
      .map(({ endpoint, createdAt }) => ({ endpoint, createdAt: isoTime(createdAt) })),
  };
}

export function errorMessage(code: ErrorCode, message: string): ErrorMessage {
  return { type: 'error', version: MESSAGE_VERSION, code, message };
}

/** Messages pushed to many devices of a household (the rest are replies to one sender). */
export type BroadcastMessage = RingMessage | AccessCodeMessage | AnswerMessage;

/**
 * What a device of `role` hears of a broadcast, or undefined when nothing. Residents get the message itself; a
 * doorbell (a page anyone at the door may hold) gets only what a door shows: `ringing` for a ring, `reply` for an
 * answer, and never an access code (it is typed on the keypad, so the keypad must not be told it).
 */
export function messageFor(message: BroadcastMessage, role: DeviceRole): ServerMessage | undefined {
  if (role === 'resident') return message;
  switch (message.type) {
    case 'ring':
      return {
        type: 'ringing',
        version: MESSAGE_VERSION,
        ringId: message.ringId,
        at: message.at,
        answerableUntil: message.answerableUntil,
      };
    case 'answer':
      return { type: 'reply', version: MESSAGE_VERSION, ringId: message.ringId, reply: message.reply, at: message.at };
    case 'accessCode':
      return undefined;
  }
}

/** The roles that hear anything of a broadcast (see messageFor for what each hears). */
export function audienceOf(message: BroadcastMessage): readonly DeviceRole[] {
  return DEVICE_ROLES.filter((role) => messageFor(message, role) !== undefined);
}

export function accessCodeMessage(
  issued: { readonly ringId: string; readonly visitorName: string; readonly expiresAt: Instant },
  code: string,
): AccessCodeMessage {
  return {
    type: 'accessCode',
    version: MESSAGE_VERSION,
    ringId: issued.ringId,
    visitorName: issued.visitorName,
    code,
    expiresAt: isoTime(issued.expiresAt),
  };
}

export function codeResultMessage(
  result: { readonly kind: 'valid'; readonly visitorName: string } | { readonly kind: 'invalid'; readonly reason?: CodeRefusalReason },
): CodeResultMessage {
  if (result.kind === 'valid') return { type: 'codeResult', version: MESSAGE_VERSION, result: 'valid', visitorName: result.visitorName };
  if (result.reason === undefined) return { type: 'codeResult', version: MESSAGE_VERSION, result: 'invalid' };
  return {
    type: 'codeResult',
    version: MESSAGE_VERSION,
    result: 'invalid',
    reason: result.reason,
    message: CODE_REFUSAL_TEXT[result.reason],
  };
}

export function answerMessage(answer: Answer): AnswerMessage {
  return {
    type: 'answer',
    version: MESSAGE_VERSION,
    ringId: answer.ringId,
    reply: answer.reply,
    byName: answer.byName,
    at: isoTime(answer.at),
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
