import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPLY_LABELS } from '../../domain/answer';
import { MAX_PUSH_PAYLOAD_BYTES, PUSH_QUICK_REPLIES, pushPayloadBytes, ringPushPayload } from '../../domain/protocol/push-payload';
import type { RingSummary } from '../../domain/protocol/server-messages';
import { anyIdText } from '../support/arbitraries';

/** Ring summaries up to absurd: many visitors with long, non-ASCII names, long texts, presigned links with tokens. */
const anyRingSummary: fc.Arbitrary<RingSummary> = fc.record(
  {
    ringId: anyIdText,
    doorbellId: anyIdText,
    doorName: fc.string({ maxLength: 64 }),
    at: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4_102_444_800_000) }).map((d) => d.toISOString()),
    outcome: fc.constantFrom('known', 'unknown', 'no-face', 'unavailable'),
    visitors: fc.array(fc.record({ name: fc.string({ unit: 'grapheme', maxLength: 120 }), similarity: fc.double({ min: 0, max: 100 }) }), {
      maxLength: 60,
    }),
    unknownFaces: fc.nat(10),
    text: fc.string({ unit: 'grapheme', maxLength: 6_000 }),
    snapshotUrl: fc.string({ minLength: 20, maxLength: 3_000 }).map((tail) => `https://photos.example.com/${tail}`),
    answerableUntil: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4_102_444_800_000) }).map((d) => d.toISOString()),
  },
  { requiredKeys: ['ringId', 'doorbellId', 'doorName', 'at', 'outcome', 'visitors', 'unknownFaces', 'text', 'answerableUntil'] },
);

describe('the push payload of a ring', () => {
  it('always fits, keeps what identifies the ring, and trims only visitors (from the end), text and the link', () => {
    fc.assert(
      fc.property(anyRingSummary, (ring) => {
        const payload = ringPushPayload(ring);
        expect(pushPayloadBytes(payload)).toBeLessThanOrEqual(MAX_PUSH_PAYLOAD_BYTES);
        expect(payload).toMatchObject({
          type: 'ring',
          version: 1,
          ringId: ring.ringId,
          at: ring.at,
          outcome: ring.outcome,
          unknownFaces: ring.unknownFaces,
          answerBy: ring.answerableUntil,
          url: `/dashboard/#ring=${encodeURIComponent(ring.ringId)}`,
          quickReplies: PUSH_QUICK_REPLIES.map((preset) => REPLY_LABELS[preset]),
          quickReplyPresets: PUSH_QUICK_REPLIES,
        });
        expect(payload.visitors).toEqual(ring.visitors.slice(0, payload.visitors.length).map(({ name }) => ({ name })));
        if (payload.text !== ring.text) expect(payload.text.endsWith('…')).toBe(true);
        if (payload.snapshotUrl !== undefined) expect(payload.snapshotUrl).toBe(ring.snapshotUrl);
        // Nothing is trimmed from a ring that fits as it is.
        const untrimmed = { ...payload, visitors: ring.visitors.map(({ name }) => ({ name })), text: ring.text };
        const whole = ring.snapshotUrl === undefined ? untrimmed : { ...untrimmed, snapshotUrl: ring.snapshotUrl };
        if (pushPayloadBytes(whole) <= MAX_PUSH_PAYLOAD_BYTES) expect(payload).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});
