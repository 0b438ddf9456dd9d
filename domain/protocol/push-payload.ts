import { REPLY_LABELS, type ReplyPreset } from '../answer';
import { MESSAGE_VERSION, type RingSummary } from './server-messages';

/**
 * The Web Push payload of a ring (docs/protocol.md, "Push payload"): what a dashboard's service worker shows while
 * the page is closed. Built from the same RingSummary as the `ring` message, so both say the same thing; it carries
 * the snapshot's short-lived link, never the photo.
 */
export interface RingPushPayload {
  readonly type: 'ring';
  readonly version: typeof MESSAGE_VERSION;
  readonly ringId: string;
  /** ISO 8601, UTC. */
  readonly at: string;
  readonly outcome: RingSummary['outcome'];
  /** Why nobody was identified, with outcome `unavailable` only (as the `ring` message's `reason`). */
  readonly reason?: RingSummary['reason'];
  readonly text: string;
  readonly visitors: readonly { readonly name: string }[];
  readonly unknownFaces: number;
  readonly snapshotUrl?: string;
  /** ISO 8601, UTC: the end of the answer window (the `ring` message's `answerableUntil`). */
  readonly answerBy: string;
  /** The notification's reply buttons, as people read them (REPLY_LABELS). */
  readonly quickReplies: readonly string[];
  /** The presets those buttons stand for, in the same order: what to send as the `answer` action's `reply`. */
  readonly quickReplyPresets: readonly ReplyPreset[];
  /** Where a tap on the notification leads, on the dashboard's origin. */
  readonly url: string;
}

/** The quick replies a notification offers (a notification shows two actions on most platforms). */
export const PUSH_QUICK_REPLIES: readonly ReplyPreset[] = ['coming', 'leave-it-at-the-door'];

/**
 * A push message's encrypted body is at most 4,096 bytes (RFC 8030 §7.2); aes128gcm adds a 86-byte header, a
 * 16-byte tag and one padding delimiter (RFC 8188, 8291), which leaves 3,993 bytes of JSON.
 */
export const MAX_PUSH_PAYLOAD_BYTES = 3_993;

/** The shortest a trimmed text gets: "…" after a few words still says someone is there. */
const MIN_TEXT_CHARS = 24;

/** The ring as a push payload of at most MAX_PUSH_PAYLOAD_BYTES of UTF-8: trimmed (visitors, then text), never refused. */
export function ringPushPayload(ring: RingSummary): RingPushPayload {
  const full: RingPushPayload = {
    type: 'ring',
    version: MESSAGE_VERSION,
    ringId: ring.ringId,
    at: ring.at,
    outcome: ring.outcome,
    ...(ring.reason === undefined ? {} : { reason: ring.reason }),
    text: ring.text,
    visitors: ring.visitors.map(({ name }) => ({ name })),
    unknownFaces: ring.unknownFaces,
    ...(ring.snapshotUrl === undefined ? {} : { snapshotUrl: ring.snapshotUrl }),
    answerBy: ring.answerableUntil,
    quickReplies: PUSH_QUICK_REPLIES.map((preset) => REPLY_LABELS[preset]),
    quickReplyPresets: PUSH_QUICK_REPLIES,
    url: `/dashboard/#ring=${encodeURIComponent(ring.ringId)}`,
  };
  return fitPushPayload(full);
}

export function pushPayloadBytes(payload: RingPushPayload): number {
  return new TextEncoder().encode(JSON.stringify(payload)).length;
}

/** Drops visitors from the end, then shortens the text, then drops the snapshot link, until the payload fits. */
function fitPushPayload(payload: RingPushPayload): RingPushPayload {
  let fitted = payload;
  while (pushPayloadBytes(fitted) > MAX_PUSH_PAYLOAD_BYTES && fitted.visitors.length > 0) {
    fitted = { ...fitted, visitors: fitted.visitors.slice(0, -1) };
  }
  while (pushPayloadBytes(fitted) > MAX_PUSH_PAYLOAD_BYTES && fitted.text.length > MIN_TEXT_CHARS) {
    const over = pushPayloadBytes(fitted) - MAX_PUSH_PAYLOAD_BYTES;
    const keep = Math.max(MIN_TEXT_CHARS, [...fitted.text].length - Math.max(over, 16) - 1);
    fitted = { ...fitted, text: `${[...fitted.text].slice(0, keep).join('')}…` };
  }
  if (pushPayloadBytes(fitted) > MAX_PUSH_PAYLOAD_BYTES && fitted.snapshotUrl !== undefined) {
    const { snapshotUrl: _dropped, ...withoutLink } = fitted;
    fitted = withoutLink;
  }
  return fitted;
}
