import { outcomeLabel, timeOf } from '../components/ring-text';
import { REPLY_LABELS } from '../../../domain/answer';
import { presetOf } from '../components/reply-labels';
import type { RingPush } from './push-frames';

/**
 * What the service worker shows for a push, as plain data (pure, so tests check it without a browser). Only the
 * options Chromium uses are listed; TypeScript's DOM types leave out `actions`, `image`, `renotify`, `timestamp`.
 */
export interface NotificationSpec {
  readonly title: string;
  readonly options: {
    readonly body: string;
    readonly icon: string;
    readonly badge: string;
    readonly tag: string;
    readonly renotify?: boolean;
    readonly requireInteraction?: boolean;
    readonly timestamp?: number;
    readonly image?: string;
    readonly actions?: readonly { readonly action: string; readonly title: string }[];
    /** Read back by the click handler: the ring push, or only where to go. */
    readonly data: RingPush | { readonly url: string };
  };
}

/** Relative to the service worker (`/dashboard/sw.js`), so the dashboard's own icon. */
export const NOTIFICATION_ICON = 'icon-192.png';
/** The small monochrome bell of the status bar. */
export const NOTIFICATION_BADGE = 'badge-96.png';

/** Where a click leads when the push said nothing usable: the dashboard itself. */
export const DASHBOARD_URL = './';

/** A push that could not be read still rings: a doorbell never stays silent. */
export const FALLBACK_NOTIFICATION: NotificationSpec = {
  title: 'Someone is at the door',
  options: {
    body: 'Open the dashboard to see who.',
    icon: NOTIFICATION_ICON,
    badge: NOTIFICATION_BADGE,
    tag: 'doorbell-ring',
    data: { url: DASHBOARD_URL },
  },
};

/** The push's JSON as a RingPush, or undefined when it is anything else (the caller then shows the fallback). */
export function parseRingPush(value: unknown): RingPush | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const push = value as Record<string, unknown>;
  const strings = ['ringId', 'at', 'outcome', 'text', 'answerBy', 'url'] as const;
  if (push['type'] !== 'ring' || strings.some((key) => typeof push[key] !== 'string' || push[key] === '')) return undefined;
  const quickReplies = stringsIn(push['quickReplies']);
  const visitors = Array.isArray(push['visitors'])
    ? push['visitors'].filter((v): v is { name: string } => typeof v === 'object' && v !== null && typeof v.name === 'string')
    : [];
  const snapshotUrl =
    typeof push['snapshotUrl'] === 'string' && /^https?:\/\//u.test(push['snapshotUrl']) ? push['snapshotUrl'] : undefined;
  return {
    type: 'ring',
    ringId: push['ringId'] as string,
    at: push['at'] as string,
    outcome: push['outcome'] as string,
    ...(typeof push['reason'] === 'string' ? { reason: push['reason'] } : {}),
    text: push['text'] as string,
    visitors: visitors.map(({ name }) => ({ name })),
    unknownFaces: typeof push['unknownFaces'] === 'number' ? push['unknownFaces'] : 0,
    ...(snapshotUrl === undefined ? {} : { snapshotUrl }),
    answerBy: push['answerBy'] as string,
    quickReplies,
    quickReplyPresets: stringsIn(push['quickReplyPresets']),
    url: push['url'] as string,
  };
}

/**
 * The ring's notification: who (the server's sentence) as the title, when and what kind of visitor as the body,
 * the snapshot as the image, one action per quick reply while the ring can still be answered (`now` before
 * `answerBy`). Tagged with the ring id, as the server's push Topic is, so a repeat replaces it and rings again.
 */
export function ringNotification(push: RingPush, now: number): NotificationSpec {
  const answerable = now < Date.parse(push.answerBy);
  const outcome = outcomeLabel(push);
  const body = [timeOf(push.at), outcome, answerable ? `answer by ${timeOf(push.answerBy)}` : undefined].filter(Boolean).join(' · ');
  return {
    title: push.text,
    options: {
      body,
      icon: NOTIFICATION_ICON,
      badge: NOTIFICATION_BADGE,
      tag: push.ringId,
      renotify: true,
      requireInteraction: true,
      timestamp: Date.parse(push.at),
      ...(push.snapshotUrl === undefined ? {} : { image: push.snapshotUrl }),
      ...(answerable
        ? { actions: push.quickReplies.map((label, i) => ({ action: replyOf(label, push.quickReplyPresets[i]), title: label })) }
        : {}),
      data: push,
    },
  };
}

/**
 * What the `answer` action carries for a quick reply: the preset the server paired with it, else the preset its
 * label names, else its text (which the server takes as a short text reply).
 */
export function replyOf(label: string, preset: string | undefined): string {
  return preset ?? presetOf(label) ?? label;
}

function stringsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** What a click on the notification asks for. */
export type NotificationIntent =
  | { readonly kind: 'answer'; readonly push: RingPush; readonly reply: string }
  | { readonly kind: 'open'; readonly url: string; readonly ringId?: string };

/**
 * A click's meaning: an action of a ring notification answers the ring with that reply; anything else opens the
 * dashboard (on the ring when there is one). `data` is what the notification carried, read defensively.
 */
export function notificationIntent(data: unknown, action: string): NotificationIntent {
  const push = parseRingPush(data);
  if (!push) {
    const url = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['url'] : undefined;
    return { kind: 'open', url: typeof url === 'string' ? url : DASHBOARD_URL };
  }
  if (action !== '') return { kind: 'answer', push, reply: action };
  return { kind: 'open', url: push.url, ringId: push.ringId };
}

/** After an answer from the notification: it replaces the ring's (same tag), quietly. */
export function answeredNotification(push: RingPush, reply: string, byName?: string): NotificationSpec {
  const label = (REPLY_LABELS as Record<string, string>)[reply] ?? reply;
  return {
    title: `Answered: ${label}`,
    options: {
      body: byName ? `${push.text}. ${byName} answered.` : push.text,
      icon: NOTIFICATION_ICON,
      badge: NOTIFICATION_BADGE,
      tag: push.ringId,
      data: { url: push.url },
    },
  };
}

/** When the answer could not be given: says why, and a click opens the dashboard on the ring. */
export function answerFailedNotification(push: RingPush, reason: string): NotificationSpec {
  return {
    title: 'Your reply was not sent',
    options: {
      body: `${push.text}: ${reason}`,
      icon: NOTIFICATION_ICON,
      badge: NOTIFICATION_BADGE,
      tag: push.ringId,
      renotify: true,
      data: { url: push.url },
    },
  };
}
