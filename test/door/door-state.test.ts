import { describe, expect, it } from 'vitest';
import { ANSWER_SHOWN_MS, type DoorEvent, doorReducer, type DoorState, FALLBACK_WINDOW_MS, IDLE } from '../../door/src/state/door-state';
import type { ServerMessage } from '../../domain/protocol/server-messages';

const T0 = Date.parse('2026-12-02T12:00:00.000Z');
const DEADLINE = T0 + 60_000;
const ringing = (ringId: string): ServerMessage => ({
  type: 'ringing',
  version: 1,
  ringId,
  at: new Date(T0).toISOString(),
  answerableUntil: new Date(DEADLINE).toISOString(),
});
const reply = (ringId: string, text: string): ServerMessage => ({
  type: 'reply',
  version: 1,
  ringId,
  reply: text,
  at: new Date(T0).toISOString(),
});
const play = (events: readonly DoorEvent[], from: DoorState = IDLE) => events.reduce(doorReducer, from);
const press = (ringId: string, debounced = false): DoorEvent[] => [
  { kind: 'pressed', withPhoto: true, now: T0 },
  { kind: 'pressed-outcome', outcome: { kind: 'rang', ringId, debounced } },
];
const message = (m: ServerMessage, now = T0 + 1_000): DoorEvent => ({ kind: 'message', message: m, now });

describe('the door page state', () => {
  it('rings, learns the deadline from "ringing", then shows the reply to its ring only', () => {
    const rung = play([...press('r1'), message(ringing('r1'))]);
    expect(rung).toEqual({ kind: 'ringing', ringId: 'r1', debounced: false, answerableUntil: DEADLINE });

    expect(play([message(reply('other', 'no-thanks'))], rung)).toBe(rung);
    expect(play([message(reply('r1', 'coming'))], rung)).toEqual({ kind: 'answered', ringId: 'r1', reply: 'coming', until: DEADLINE });
  });

  it('keeps "ringing" and the reply that arrive before the upload has answered', () => {
    const state = play([
      { kind: 'pressed', withPhoto: false, now: T0 },
      message(ringing('r1')),
      message(reply('r1', 'leave-it-at-the-door')),
      { kind: 'pressed-outcome', outcome: { kind: 'rang', ringId: 'r1', debounced: false } },
    ]);
    expect(state).toMatchObject({ kind: 'answered', ringId: 'r1', reply: 'leave-it-at-the-door' });
  });

  it('pressed again within the debounce window: says it is already ringing, keeping the deadline, or shows the answer again', () => {
    const rung = play([...press('r1'), message(ringing('r1'))]);
    expect(play(press('r1', true), rung)).toEqual({ kind: 'ringing', ringId: 'r1', debounced: true, answerableUntil: DEADLINE });

    const answered = play([message(reply('r1', 'coming'))], rung);
    expect(play(press('r1', true), answered)).toEqual({ ...answered, pressedAgain: true });
  });

  it('shows an answer for a while even when it came at the end of the window, then goes back to idle', () => {
    const late = T0 + 59_000;
    const answered = play([...press('r1'), message(ringing('r1')), message(reply('r1', 'coming'), late)]);
    expect(answered).toMatchObject({ kind: 'answered', until: late + ANSWER_SHOWN_MS });
    expect(play([{ kind: 'tick', now: late + ANSWER_SHOWN_MS - 1, since: late }], answered)).toBe(answered);
    expect(play([{ kind: 'tick', now: late + ANSWER_SHOWN_MS, since: late }], answered)).toBe(IDLE);
  });

  it('stops "Ringing…" at the deadline, or a minute after the press when the server never said', () => {
    const rung = play([...press('r1'), message(ringing('r1'))]);
    expect(play([{ kind: 'tick', now: DEADLINE, since: T0 }], rung)).toBe(IDLE);
    const unheard = play(press('r2'));
    expect(play([{ kind: 'tick', now: T0 + FALLBACK_WINDOW_MS - 1, since: T0 }], unheard)).toBe(unheard);
    expect(play([{ kind: 'tick', now: T0 + FALLBACK_WINDOW_MS, since: T0 }], unheard)).toBe(IDLE);
  });

  it('says why a press did not ring', () => {
    const failed = play([
      { kind: 'pressed', withPhoto: true, now: T0 },
      { kind: 'pressed-outcome', outcome: { kind: 'failed', message: 'Not connected' } },
    ]);
    expect(failed).toEqual({ kind: 'failed', message: 'Not connected' });
  });
});
