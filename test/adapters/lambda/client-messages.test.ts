import { describe, expect, it } from 'vitest';
import { parseClientFrame } from '../../../adapters/lambda/client-messages';
import { MAX_FRAME_BYTES, MAX_NESTING } from '../../../domain/protocol/limits';

const frame = (value: unknown) => parseClientFrame(JSON.stringify(value));

describe('parseClientFrame', () => {
  it.each([
    [{ action: 'ping' }, { action: 'ping' }],
    [{ action: 'history' }, { action: 'history' }],
    [
      { action: 'history', limit: 100 },
      { action: 'history', limit: 100 },
    ],
    [
      { action: 'history', limit: 1, after: { at: 1764072000000, ringId: 'ring-7' } },
      { action: 'history', limit: 1, after: { at: 1764072000000, ringId: 'ring-7' } },
    ],
    [
      { action: 'requestUpload', contentLength: 48213 },
      { action: 'requestUpload', contentLength: 48213 },
    ],
  ])('reads %j', (value, message) => {
    expect(frame(value)).toEqual({ kind: 'message', message });
  });

  it('reads answer and verifyCode as sent (the use cases judge the reply and the code)', () => {
    expect(frame({ action: 'answer', ringId: 'ring-1', reply: ' On my way ' })).toEqual({
      kind: 'message',
      message: { action: 'answer', ringId: 'ring-1', reply: ' On my way ' },
    });
    expect(frame({ action: 'verifyCode', code: '123456' })).toEqual({ kind: 'message', message: { action: 'verifyCode', code: '123456' } });
  });

  it.each([
    ['an answer without reply', { action: 'answer', ringId: 'ring-1' }],
    ['an answer with a numeric reply', { action: 'answer', ringId: 'ring-1', reply: 7 }],
    ['an answer with a huge reply', { action: 'answer', ringId: 'ring-1', reply: 'x'.repeat(5_000) }],
    ['an answer with an extra field', { action: 'answer', ringId: 'ring-1', reply: 'coming', householdId: 'other' }],
    ['a code that is a number', { action: 'verifyCode', code: 123456 }],
    ['a huge code', { action: 'verifyCode', code: '1'.repeat(1_000) }],
  ])('refuses %s as a bad request, without echoing what was sent', (_, value) => {
    const parsed = frame(value);
    expect(parsed).toMatchObject({ kind: 'refused', code: 'bad-request' });
    if (parsed.kind === 'refused') expect(parsed.reason).not.toMatch(/123456|xxxxx|other/);
  });

  it('names an unknown action, cut short', () => {
    expect(frame({ action: 'x'.repeat(500) })).toEqual({
      kind: 'refused',
      code: 'unknown-action',
      reason: `unknown action "${'x'.repeat(64)}"`,
    });
  });

  it('does not take an inherited name for an action', () => {
    expect(frame({ action: 'toString' })).toMatchObject({ code: 'unknown-action' });
    expect(frame({ action: 'hasOwnProperty' })).toMatchObject({ code: 'unknown-action' });
  });

  it.each([
    ['a number', 42],
    ['a string that is not JSON', 'ping'],
    ['an object', { action: 'ping' }],
    ['null', null],
  ])('refuses a body that is %s rather than a string of JSON text', (_, body) => {
    // `'ping'` is text but not JSON; an object is not text at all (API Gateway hands over strings).
    expect(parseClientFrame(body)).toMatchObject({ kind: 'refused', code: 'bad-request' });
  });

  it('measures the size in UTF-8 bytes, not characters', () => {
    const emoji = '😀'; // 4 bytes, 2 UTF-16 units
    const body = JSON.stringify({ action: 'ping', pad: emoji.repeat(MAX_FRAME_BYTES / 4) });
    expect(body.length).toBeLessThan(MAX_FRAME_BYTES);
    expect(parseClientFrame(body)).toMatchObject({ code: 'payload-too-large' });
  });

  it('allows nesting up to its limit and refuses beyond it, brackets inside strings aside', () => {
    const nested = (depth: number) => `{"action":"ping","x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(parseClientFrame(nested(MAX_NESTING))).toMatchObject({ code: 'bad-request', reason: expect.stringContaining('x') });
    expect(parseClientFrame(nested(MAX_NESTING + 1))).toMatchObject({
      code: 'bad-request',
      reason: expect.stringContaining('nests deeper'),
    });
    expect(parseClientFrame(JSON.stringify({ action: 'ping', s: '[[[[[[[[[[[[[[[[[[[[[[[["\\' }))).not.toMatchObject({
      reason: expect.stringContaining('nests'),
    });
  });
});
