import type {
  AccessCodeMessage,
  AnswerMessage,
  RingSummary,
  ServerMessage,
  VisitorSummary,
  WebhookSummaryMessage,
} from '../../../domain/protocol/server-messages';

/** Everything the page shows, built only from what the server sent (see `receive`). */
export interface DashboardState {
  /** Newest first; history pages and live rings merged by ring id. */
  readonly rings: readonly RingSummary[];
  /** Rings that arrived while the page was open: shown as cards with quick replies. */
  readonly liveRingIds: readonly string[];
  readonly answers: Readonly<Record<string, AnswerMessage>>;
  readonly accessCodes: Readonly<Record<string, AccessCodeMessage>>;
  /** Undefined until the server has listed them. */
  readonly visitors: readonly VisitorSummary[] | undefined;
  /** Undefined until the server has listed them. */
  readonly webhooks?: readonly WebhookSummaryMessage[];
  /** The signing secret of the webhook just added (the server sends it once); the panel shows it until dismissed. */
  readonly newWebhookSecret?: { readonly webhookId: string; readonly secret: string };
  /** The latest problem the server reported, for the alert region. */
  readonly error: string | undefined;
}

export const EMPTY_STATE: DashboardState = {
  rings: [],
  liveRingIds: [],
  answers: {},
  accessCodes: {},
  visitors: undefined,
  error: undefined,
};

/** How many rings the page keeps (history pages are 20); the oldest fall off. */
export const MAX_RINGS = 100;
/** Live cards shown at once. */
export const MAX_LIVE = 3;

export function receive(state: DashboardState, message: ServerMessage): DashboardState {
  switch (message.type) {
    case 'ring': {
      const { type: _type, version: _version, ...ring } = message;
      return {
        ...state,
        rings: merge(state.rings, [ring]),
        liveRingIds: [ring.ringId, ...state.liveRingIds.filter((id) => id !== ring.ringId)].slice(0, MAX_LIVE),
      };
    }
    case 'history':
      return { ...state, rings: merge(state.rings, message.rings) };
    case 'answer':
      return { ...state, answers: { ...state.answers, [message.ringId]: message } };
    case 'accessCode':
      return { ...state, accessCodes: { ...state.accessCodes, [message.ringId]: message } };
    case 'visitors':
      return { ...state, visitors: message.visitors };
    case 'webhooks':
      return {
        ...state,
        webhooks: message.webhooks,
        // The secret of a webhook just added: shown until the page dismisses it, never sent again.
        ...(message.change?.kind === 'added'
          ? { newWebhookSecret: { webhookId: message.change.webhookId, secret: message.change.secret } }
          : {}),
      };
    case 'error':
      return { ...state, error: message.message };
    case 'pong':
    case 'uploadUrl':
    case 'codeResult':
    case 'ringing':
    case 'reply':
      return state; // A doorbell's messages: never sent to a resident.
  }
}

export function dismissWebhookSecret(state: DashboardState): DashboardState {
  const { newWebhookSecret: _secret, ...rest } = state;
  return rest;
}

export function dismissError(state: DashboardState): DashboardState {
  return { ...state, error: undefined };
}

export function showError(state: DashboardState, error: string): DashboardState {
  return { ...state, error };
}

/** Newest first by press time (ties by id, as the server pages them); a ring seen again replaces the older copy. */
function merge(rings: readonly RingSummary[], incoming: readonly RingSummary[]): readonly RingSummary[] {
  const byId = new Map(rings.map((ring) => [ring.ringId, ring]));
  for (const ring of incoming) byId.set(ring.ringId, ring);
  return [...byId.values()].sort((a, b) => (a.at === b.at ? (a.ringId < b.ringId ? 1 : -1) : a.at < b.at ? 1 : -1)).slice(0, MAX_RINGS);
}
