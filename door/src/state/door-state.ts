import type { ServerMessage } from '../../../domain/protocol/server-messages';
import type { PressOutcome } from '../ring/press-outcome';

/**
 * What the door shows about the latest press, built from the press's outcome and the server's messages (pure, so
 * that it is tested without a browser). Only the rings this page rang count: every doorbell of the household hears
 * `ringing` and `reply`.
 */
export type DoorState =
  | { readonly kind: 'idle' }
  /** `early`: `ringing`/`reply` heard before the upload's answer came back (the ring may be announced first). */
  | {
      readonly kind: 'sending';
      readonly withPhoto: boolean;
      /** epoch ms of the press. */
      readonly at: number;
      readonly early: readonly ServerMessage[];
      /** The ring that was on when pressed again: a debounced press names it again. */
      readonly previous?: Extract<DoorState, { kind: 'ringing' | 'answered' }>;
    }
  /** `answerableUntil`: epoch ms, once the server said (`ringing`); `debounced`: this press joined a ring already announced. */
  | { readonly kind: 'ringing'; readonly ringId: string; readonly debounced: boolean; readonly answerableUntil?: number }
  /** `pressedAgain`: pressed after the answer, within the debounce window: the answer stands and is shown again. */
  | { readonly kind: 'answered'; readonly ringId: string; readonly reply: string; readonly until: number; readonly pressedAgain?: true }
  | { readonly kind: 'failed'; readonly message: string };

export const IDLE: DoorState = { kind: 'idle' };

/** How long the door shows an answer at least, even when it came at the end of the window. */
export const ANSWER_SHOWN_MS = 20_000;
/** When the server never said until when (it always does): how long "Ringing…" lasts. */
export const FALLBACK_WINDOW_MS = 60_000;

export type DoorEvent =
  | { readonly kind: 'pressed'; readonly withPhoto: boolean; readonly now: number }
  | { readonly kind: 'pressed-outcome'; readonly outcome: PressOutcome }
  | { readonly kind: 'message'; readonly message: ServerMessage; readonly now: number }
  | { readonly kind: 'tick'; readonly now: number; readonly since: number };

export function doorReducer(state: DoorState, event: DoorEvent): DoorState {
  switch (event.kind) {
    case 'pressed':
      // Pressed again while a ring is on: remember it, the debounced answer will name the same ring.
      return { kind: 'sending', withPhoto: event.withPhoto, at: event.now, early: [], ...(isOn(state) ? { previous: state } : {}) };
    case 'pressed-outcome':
      return afterPress(state, event.outcome);
    case 'message':
      return receive(state, event.message, event.now);
    case 'tick':
      return expire(state, event.now, event.since);
  }
}

function isOn(state: DoorState): state is Extract<DoorState, { kind: 'ringing' | 'answered' }> {
  return state.kind === 'ringing' || state.kind === 'answered';
}

function afterPress(state: DoorState, outcome: PressOutcome): DoorState {
  if (outcome.kind === 'failed') return { kind: 'failed', message: outcome.message };
  if (state.kind !== 'sending') return state;
  const previous = state.previous?.ringId === outcome.ringId ? state.previous : undefined;
  // Pressed again within the debounce window: the same ring, so what is known of it (its deadline, an answer) stands.
  if (previous?.kind === 'answered') return { ...previous, pressedAgain: true };
  const ringing: DoorState = {
    kind: 'ringing',
    ringId: outcome.ringId,
    debounced: outcome.debounced,
    ...(previous?.kind === 'ringing' && previous.answerableUntil !== undefined ? { answerableUntil: previous.answerableUntil } : {}),
  };
  return state.early.reduce<DoorState>((next, message) => receive(next, message, state.at), ringing);
}

function receive(state: DoorState, message: ServerMessage, now: number): DoorState {
  if (state.kind === 'sending') {
    return message.type === 'ringing' || message.type === 'reply' ? { ...state, early: [...state.early, message] } : state;
  }
  if (state.kind !== 'ringing' && state.kind !== 'answered') return state;
  if (message.type === 'ringing' && state.kind === 'ringing' && message.ringId === state.ringId) {
    return { ...state, answerableUntil: Date.parse(message.answerableUntil) };
  }
  if (message.type === 'reply' && message.ringId === state.ringId) {
    const deadline = state.kind === 'ringing' ? (state.answerableUntil ?? now) : now;
    return { kind: 'answered', ringId: message.ringId, reply: message.reply, until: Math.max(deadline, now + ANSWER_SHOWN_MS) };
  }
  return state;
}

/** Back to idle once the ring can no longer be answered (`since`: when the state began, for a missing deadline). */
function expire(state: DoorState, now: number, since: number): DoorState {
  if (state.kind === 'ringing' && now >= (state.answerableUntil ?? since + FALLBACK_WINDOW_MS)) return IDLE;
  if (state.kind === 'answered' && now >= state.until) return IDLE;
  return state;
}
