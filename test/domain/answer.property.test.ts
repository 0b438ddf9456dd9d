import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_WINDOW, MAX_REPLY_LENGTH, REPLY_PRESETS, isAnswerable, parseReply } from '../../domain/answer';
import { anyInstant } from '../support/arbitraries';

describe('parseReply', () => {
  it('accepts every preset unchanged', () => {
    for (const preset of REPLY_PRESETS) expect(parseReply(preset)).toEqual({ ok: true, reply: preset });
  });

  it('accepts what it returns unchanged (idempotent), 1–140 characters without control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (raw) => {
        const parsed = parseReply(raw);
        if (!parsed.ok) return;
        expect(parseReply(parsed.reply)).toEqual(parsed);
        expect(parsed.reply.length).toBeGreaterThan(0);
        expect([...parsed.reply].length).toBeLessThanOrEqual(MAX_REPLY_LENGTH);
        expect(/\p{Cc}/u.test(parsed.reply)).toBe(false);
        expect(parsed.reply).toBe(parsed.reply.trim());
      }),
    );
  });

  it('refuses empty, too long, control characters and non-strings', () => {
    expect(parseReply('   ').ok).toBe(false);
    expect(parseReply('x'.repeat(MAX_REPLY_LENGTH + 1)).ok).toBe(false);
    expect(parseReply('x'.repeat(MAX_REPLY_LENGTH))).toEqual({ ok: true, reply: 'x'.repeat(MAX_REPLY_LENGTH) });
    expect(parseReply('hi\u0000there').ok).toBe(false);
    expect(parseReply('hi\u001b[2J').ok).toBe(false);
    expect(parseReply(42).ok).toBe(false);
    expect(parseReply('  on my\n way  ')).toEqual({ ok: true, reply: 'on my way' });
  });
});

describe('isAnswerable', () => {
  it('is true exactly before the window closes', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: -1000, max: 2 * DEFAULT_ANSWER_WINDOW }), (at, offset) => {
        expect(isAnswerable({ at }, at + offset)).toBe(at + offset < at + DEFAULT_ANSWER_WINDOW);
      }),
    );
  });
});
