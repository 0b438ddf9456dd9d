import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeMessageHandler } from '../../../adapters/lambda/message-handler';
import type { DeviceRole } from '../../../domain/device';
import { ERROR_CODES, type ErrorCode } from '../../../domain/protocol/server-messages';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { HOME, inMemoryDoorbell } from '../../support/in-memory-doorbell';
import { recordingTelemetry } from './recording-telemetry';
import { messageEvent } from './websocket-fixtures';

/** The protocol's codes but `expired`: no fuzzed frame comes too late for anything. */
const FUZZ_ERROR_CODES = ERROR_CODES.filter((code) => code !== 'expired');
const REPLY_TYPES = ['pong', 'history', 'uploadUrl'];

/** Frames a device might send: anything JSON can say, near-misses of real messages, junk text, deep nesting. */
const actions = fc.constantFrom('ping', 'history', 'requestUpload', 'answer', 'verifyCode', '__proto__', 'constructor', '');
const nearMiss = fc.record(
  {
    action: fc.oneof(actions, fc.string(), fc.anything()),
    limit: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), fc.string()),
    after: fc.oneof(fc.record({ at: fc.oneof(fc.nat(), fc.double()), ringId: fc.string() }), fc.anything()),
    contentLength: fc.oneof(fc.integer({ min: -1, max: 6 * 1024 * 1024 }), fc.double(), fc.anything()),
  },
  { requiredKeys: ['action'] },
);
const nested = fc
  .tuple(fc.integer({ min: 1, max: 5_000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
  .map(([depth, open, closed]) => `${open.repeat(depth)}1${closed ? (open === '[' ? ']' : '}').repeat(depth) : ''}`);
const body = fc.oneof(
  fc.anything().map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  nearMiss.map((value) => JSON.stringify(value)),
  fc.string(),
  fc.string({ unit: 'binary' }),
  nested,
  fc.constant(undefined),
);

describe('the message handler, for any frame', () => {
  it('never throws, answers 200, and the sender gets exactly one reply: an error or a valid answer', async () => {
    const doorbell = inMemoryDoorbell();
    const senders = {
      resident: await doorbell.connect(HOME, 'resident'),
      doorbell: await doorbell.connect(HOME, 'doorbell', 'front door'),
    };
    const handler = makeMessageHandler({
      ringHistory: doorbell.get(TOKENS.RingHistory),
      requestUpload: doorbell.get(TOKENS.RequestUpload),
      answerRing: doorbell.get(TOKENS.AnswerRing),
      verifyAccessCode: doorbell.get(TOKENS.VerifyAccessCode),
      notifier: doorbell.notifier,
      telemetry: recordingTelemetry().telemetry,
    });

    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom<DeviceRole>('resident', 'doorbell'), fc.boolean(), async (frame, role, base64) => {
        const sender = senders[role];
        const before = sender.received().length;
        const encoded = base64 && frame !== undefined ? Buffer.from(frame).toString('base64') : frame;

        const response = await handler(
          messageEvent({
            connectionId: sender.connectionId,
            device: { householdId: HOME, deviceId: sender.device.id, role },
            body: encoded,
            isBase64Encoded: base64,
          }),
        );

        expect(response).toEqual({ statusCode: 200 });
        const replies = sender.received().slice(before) as { type: string; version: number; code?: ErrorCode }[];
        expect(replies).toHaveLength(1);
        const [reply] = replies;
        expect(reply!.version).toBe(1);
        if (reply!.type === 'error') expect(FUZZ_ERROR_CODES).toContain(reply!.code);
        else expect(REPLY_TYPES).toContain(reply!.type);
      }),
      { numRuns: 300 },
    );
    expect(({} as Record<string, unknown>)['a']).toBeUndefined();
  });
});
