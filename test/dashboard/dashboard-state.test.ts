import { describe, expect, it } from 'vitest';
import { outcomeLabel } from '../../dashboard/src/components/ring-text';
import { EMPTY_STATE, MAX_LIVE, receive } from '../../dashboard/src/state/dashboard-state';
import type { RingSummary, ServerMessage } from '../../domain/protocol/server-messages';

const ring = (ringId: string, at: string, text = `${ringId} rang`): RingSummary => ({
  ringId,
  doorbellId: 'front',
  doorName: 'front door',
  at,
  outcome: 'unknown',
  visitors: [],
  unknownFaces: 1,
  text,
  answerableUntil: new Date(Date.parse(at) + 60_000).toISOString(),
});
const live = (summary: RingSummary): ServerMessage => ({ type: 'ring', version: 1, ...summary });
const play = (...messages: ServerMessage[]) => messages.reduce(receive, EMPTY_STATE);

describe("the dashboard's state, built from server messages", () => {
  it('merges history pages and live rings by ring id, newest first', () => {
    const state = play(
      live(ring('r3', '2026-11-25T10:03:00.000Z', 'first text')),
      {
        type: 'history',
        version: 1,
        rings: [ring('r1', '2026-11-25T10:01:00.000Z'), ring('r3', '2026-11-25T10:03:00.000Z', 'newer text')],
      },
      live(ring('r2', '2026-11-25T10:02:00.000Z')),
    );

    expect(state.rings.map((r) => [r.ringId, r.text])).toEqual([
      ['r3', 'newer text'],
      ['r2', 'r2 rang'],
      ['r1', 'r1 rang'],
    ]);
    expect(state.liveRingIds).toEqual(['r2', 'r3']);
  });

  it(`keeps at most ${MAX_LIVE} live cards, the latest first`, () => {
    const state = play(...['a', 'b', 'c', 'd'].map((id, i) => live(ring(id, `2026-11-25T10:0${i}:00.000Z`))));
    expect(state.liveRingIds).toEqual(['d', 'c', 'b']);
  });

  it('attaches answers and access codes to their ring, lists visitors, and shows the latest error', () => {
    const state = play(
      { type: 'answer', version: 1, ringId: 'r1', reply: 'coming', byName: 'Dashboard', at: '2026-11-25T10:01:10.000Z' },
      { type: 'accessCode', version: 1, ringId: 'r1', visitorName: 'Alice', code: '123456', expiresAt: '2026-11-25T10:16:00.000Z' },
      {
        type: 'visitors',
        version: 1,
        visitors: [{ visitorId: 'v1', name: 'Alice', trusted: true, faces: 2, enrolledAt: '2026-11-24T09:00:00.000Z' }],
      },
      { type: 'error', version: 1, code: 'bad-request', message: 'reply is empty' },
    );

    expect(state.answers['r1']).toMatchObject({ reply: 'coming', byName: 'Dashboard' });
    expect(state.accessCodes['r1']).toMatchObject({ code: '123456' });
    expect(state.visitors).toEqual([expect.objectContaining({ name: 'Alice', faces: 2 })]);
    expect(state.error).toBe('reply is empty');
  });

  it('keeps why a ring was not identified, so a door without a camera is labelled as such, live and in history', () => {
    const noCamera: RingSummary = {
      ...ring('r1', '2026-11-25T10:01:00.000Z'),
      outcome: 'unavailable',
      reason: 'no-camera',
      unknownFaces: 0,
    };
    const recognizerDown: RingSummary = { ...noCamera, ringId: 'r2', at: '2026-11-25T10:02:00.000Z', reason: 'recognizer-unavailable' };
    const state = play(live(noCamera), { type: 'history', version: 1, rings: [noCamera, recognizerDown] });

    expect(state.rings.map((r) => [r.ringId, outcomeLabel(r)])).toEqual([
      ['r2', 'Not identified'],
      ['r1', 'No camera at the door'],
    ]);
    // A server that sends no reason (older) still gets the generic label.
    const { reason: _reason, ...withoutReason } = noCamera;
    expect(outcomeLabel(play(live(withoutReason)).rings[0]!)).toBe('Not identified');
  });

  it('ignores what it does not show (pong, upload URLs, code results)', () => {
    expect(play({ type: 'pong', version: 1 }, { type: 'codeResult', version: 1, result: 'invalid' })).toBe(EMPTY_STATE);
  });
});
