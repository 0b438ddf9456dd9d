import * as v from 'valibot';
import { ID_PATTERN } from '../ids';
import { AUTH_SECRET_CHARS, BASE64URL_PATTERN, endpointProblem, MAX_PUSH_ENDPOINT_CHARS, P256DH_CHARS } from '../push-subscription';
import type { RingCursor } from '../ring';
import type { DeviceAction } from './device-actions';
import {
  MAX_CODE_CHARS,
  MAX_HISTORY_LIMIT,
  MAX_PHOTOS_PER_ENROLLMENT,
  MAX_REPLY_CHARS,
  MAX_RING_ID_CHARS,
  MAX_WEBHOOK_ID_CHARS,
  MAX_WEBHOOK_URL_CHARS,
} from './limits';

/**
 * Device → server frames (DESIGN §4): one JSON object, routed on `action`. The schemas check shape and generous
 * bounds only; the use cases apply the real rules (a reply's length, a name's characters, an upload's size). The
 * frame parser (adapters/lambda/client-messages.ts) runs them; docs/protocol.md documents them and a test checks
 * that it names every action and field.
 */

/** Arrays are objects to valibot's object schemas; a cursor is never one. */
const plainObject = v.custom<Record<string, unknown>>(
  (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
  (issue) => `expected object, received ${Array.isArray(issue.input) ? 'array' : issue.input === null ? 'null' : typeof issue.input}`,
);

const cursor = v.pipe(
  plainObject,
  v.strictObject({
    at: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
    ringId: v.pipe(v.string(), v.regex(ID_PATTERN, 'must be a ring id')),
  }),
);

/** A push service URL: https (http only on loopback), bounded (push-subscription.ts states the rule). */
const pushEndpoint = v.pipe(
  v.string(),
  v.maxLength(MAX_PUSH_ENDPOINT_CHARS),
  v.check((endpoint) => endpointProblem(endpoint) === undefined, 'must be an https: URL (http: only on a loopback host)'),
);

const base64url = (length: { readonly min: number; readonly max: number }) =>
  v.pipe(v.string(), v.minLength(length.min), v.maxLength(length.max), v.regex(BASE64URL_PATTERN, 'must be base64url'));

/** `PushSubscription.toJSON()` as a browser gives it. */
const pushSubscription = v.pipe(
  plainObject,
  v.object({
    endpoint: pushEndpoint,
    expirationTime: v.optional(v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(0)))),
    keys: v.pipe(plainObject, v.object({ p256dh: base64url(P256DH_CHARS), auth: base64url(AUTH_SECRET_CHARS) })),
  }),
);

/** One schema per action: the frame as sent. */
export const CLIENT_MESSAGE_SCHEMAS = {
  ping: v.strictObject({ action: v.literal('ping') }),
  history: v.strictObject({
    action: v.literal('history'),
    limit: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_HISTORY_LIMIT))),
    after: v.optional(cursor),
  }),
  // The range (1 byte to 5 MB) is RequestUpload's to judge; here only the type (JSON has no NaN nor Infinity).
  requestUpload: v.strictObject({ action: v.literal('requestUpload'), contentLength: v.number(), camera: v.optional(v.boolean()) }),
  answer: v.strictObject({
    action: v.literal('answer'),
    ringId: v.pipe(v.string(), v.maxLength(MAX_RING_ID_CHARS)),
    reply: v.pipe(v.string(), v.maxLength(MAX_REPLY_CHARS, `must be at most ${MAX_REPLY_CHARS} characters`)),
  }),
  verifyCode: v.strictObject({ action: v.literal('verifyCode'), code: v.pipe(v.string(), v.maxLength(MAX_CODE_CHARS)) }),
  // The visitor actions let the dashboard manage visitors against a deployed stack, where the operator's admin API
  // does not exist. Photos travel base64 in the frame, so a device sends one `enroll` per photo (an existing name
  // gets the photos added).
  visitors: v.strictObject({ action: v.literal('visitors') }),
  enroll: v.strictObject({
    action: v.literal('enroll'),
    // The name's rules (length, characters) are Enroll's to judge; here only the type.
    name: v.string(),
    trusted: v.optional(v.boolean()),
    photos: v.pipe(v.array(v.pipe(v.string(), v.base64())), v.minLength(1), v.maxLength(MAX_PHOTOS_PER_ENROLLMENT)),
  }),
  forget: v.strictObject({ action: v.literal('forget'), name: v.pipe(v.string(), v.minLength(1)) }),
  // The webhook actions, the dashboard's counterpart of `doorbell webhook …` (also against a deployed stack). The
  // URL's and events' rules are AddWebhook's to judge; here only the types and bounds.
  webhooks: v.strictObject({ action: v.literal('webhooks') }),
  addWebhook: v.strictObject({
    action: v.literal('addWebhook'),
    url: v.pipe(v.string(), v.maxLength(MAX_WEBHOOK_URL_CHARS)),
    events: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(32))), v.maxLength(8))),
  }),
  removeWebhook: v.strictObject({ action: v.literal('removeWebhook'), webhookId: v.pipe(v.string(), v.maxLength(MAX_WEBHOOK_ID_CHARS)) }),
  enableWebhook: v.strictObject({ action: v.literal('enableWebhook'), webhookId: v.pipe(v.string(), v.maxLength(MAX_WEBHOOK_ID_CHARS)) }),
  // Web Push for a resident's browser: the server's public key, then the browser's subscription, kept per device.
  pushKey: v.strictObject({ action: v.literal('pushKey') }),
  subscribePush: v.strictObject({ action: v.literal('subscribePush'), subscription: pushSubscription }),
  unsubscribePush: v.strictObject({
    action: v.literal('unsubscribePush'),
    endpoint: v.pipe(v.string(), v.maxLength(MAX_PUSH_ENDPOINT_CHARS)),
  }),
  pushSubscriptions: v.strictObject({ action: v.literal('pushSubscriptions') }),
} as const;

export type ClientAction = keyof typeof CLIENT_MESSAGE_SCHEMAS;

/** A frame as sent (what a client such as the dashboard builds), by action. */
export type ClientFrame<A extends ClientAction = ClientAction> = v.InferInput<(typeof CLIENT_MESSAGE_SCHEMAS)[A]>;

/** A frame as validated, before it is decoded into a ClientMessage. */
export type ValidClientFrame<A extends ClientAction = ClientAction> = v.InferOutput<(typeof CLIENT_MESSAGE_SCHEMAS)[A]>;

/**
 * The decoded frame the server acts on: ids branded, photos decoded from base64. The schemas above say which fields
 * exist; this says what the handler receives.
 */
export type ClientMessage =
  | { readonly action: 'ping' }
  | { readonly action: 'history'; readonly limit?: number; readonly after?: RingCursor }
  /**
   * The doorbell states the size of the photo it will upload (signed into the upload URL), and `camera: false` when
   * it rings without a camera (the photo is a card: recorded and announced, never given to face recognition).
   */
  | { readonly action: 'requestUpload'; readonly contentLength: number; readonly camera?: boolean }
  /** A resident's quick reply to a ring: a preset or short text (AnswerRing judges both). */
  | { readonly action: 'answer'; readonly ringId: string; readonly reply: string }
  /** The doorbell's keypad: the digits a visitor typed. Never logged. */
  | { readonly action: 'verifyCode'; readonly code: string }
  | VisitorMessage
  | WebhookActionMessage
  | PushMessage;

/** A resident managing the household's webhooks. */
export type WebhookActionMessage =
  | { readonly action: 'webhooks' }
  | { readonly action: 'addWebhook'; readonly url: string; readonly events?: readonly string[] }
  | { readonly action: 'removeWebhook'; readonly webhookId: string }
  | { readonly action: 'enableWebhook'; readonly webhookId: string };

/** A browser's subscription as decoded: `expirationTime` absent when the browser gave none (or null). */
export interface PushSubscriptionFrame {
  readonly endpoint: string;
  readonly expirationTime?: number;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

export type PushMessage =
  | { readonly action: 'pushKey' }
  | { readonly action: 'subscribePush'; readonly subscription: PushSubscriptionFrame }
  | { readonly action: 'unsubscribePush'; readonly endpoint: string }
  | { readonly action: 'pushSubscriptions' };

export type VisitorMessage =
  | { readonly action: 'visitors' }
  | { readonly action: 'enroll'; readonly name: string; readonly trusted?: boolean; readonly photos: readonly Uint8Array[] }
  | { readonly action: 'forget'; readonly name: string };

// The schemas, the decoded messages and the roles table (device-actions.ts) name the same actions: adding one to
// any of them without the others fails the type check.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _schemasMatchMessages: Same<ClientAction, ClientMessage['action']> = true;
const _messagesMatchRoles: Same<ClientAction, DeviceAction> = true;
void _schemasMatchMessages;
void _messagesMatchRoles;

export function isClientAction(action: string): action is ClientAction {
  return Object.hasOwn(CLIENT_MESSAGE_SCHEMAS, action);
}
