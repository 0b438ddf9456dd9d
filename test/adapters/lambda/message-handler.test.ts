import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../../domain/protocol/limits';
import { makeMessageHandler } from '../../../adapters/lambda/message-handler';
import { RingWindowContentionError } from '../../../application/request-upload';
import type { DeviceRole } from '../../../domain/device';
import { deviceId, visitorId } from '../../../domain/ids';
import { MAX_PHOTO_BYTES } from '../../../domain/face';
import type { HistoryMessage } from '../../../domain/protocol/server-messages';
import { minutes } from '../../../domain/time';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { aRing } from '../../support/builders';
import { HOME, inMemoryDoorbell } from '../../support/in-memory-doorbell';
import { sample } from '../../support/sample-photos';
import { recordingTelemetry } from './recording-telemetry';
import { messageEvent, sent } from './websocket-fixtures';

async function setUp(role: DeviceRole = 'resident') {
  const doorbell = inMemoryDoorbell();
  const recording = recordingTelemetry();
  const deps = {
    ringHistory: doorbell.get(TOKENS.RingHistory),
    requestUpload: doorbell.get(TOKENS.RequestUpload),
    answerRing: doorbell.get(TOKENS.AnswerRing),
    verifyAccessCode: doorbell.get(TOKENS.VerifyAccessCode),
    notifier: doorbell.notifier,
    telemetry: recording.telemetry,
  };
  const handler = makeMessageHandler(deps);
  const sender = await doorbell.connect(HOME, role, role === 'doorbell' ? 'front door' : 'Phone');
  const identity = { householdId: HOME, deviceId: sender.device.id, role };
  /** Sends one frame as the sender; returns the handler's response and the replies it caused. */
  const send = async (event: Record<string, unknown>) => {
    const before = sender.received().length;
    const response = await handler(event);
    return { response, replies: sender.received().slice(before) };
  };
  const say = (message: unknown) => send(sent(sender.connectionId, identity, message));
  return { doorbell, recording, deps, handler, sender, identity, send, say };
}

const error = (code: string, message: unknown = expect.any(String)) => ({ type: 'error', version: 1, code, message });
const TRUSTED_ALICE = { visitorId: visitorId('visitor-alice'), name: 'Alice', trusted: true, similarity: 99 };

describe('the message handler', () => {
  it('answers ping with pong, to the sender only', async () => {
    const { say, doorbell } = await setUp();
    const other = await doorbell.connect(HOME, 'resident', 'Kitchen');

    expect(await say({ action: 'ping' })).toEqual({ response: { statusCode: 200 }, replies: [{ type: 'pong', version: 1 }] });
    expect(other.received()).toEqual([]);
  });

  it('answers on whatever route API Gateway chose (ping route, $default)', async () => {
    const { send, sender, identity } = await setUp();
    const { replies } = await send(
      messageEvent({ connectionId: sender.connectionId, device: identity, routeKey: 'ping', body: '{"action":"ping"}' }),
    );
    expect(replies).toEqual([{ type: 'pong', version: 1 }]);
  });

  describe('history', () => {
    async function withRings(count: number) {
      const context = await setUp();
      const camera = await context.doorbell.connect(HOME, 'doorbell', 'front door');
      for (let i = 0; i < count; i++) {
        await context.doorbell.ring(camera.device, sample('alice-2.jpg'));
        context.doorbell.clock.advance(minutes(1));
      }
      return context;
    }

    it('pages the household rings, newest first, with a cursor to the next page', async () => {
      const { say } = await withRings(3);

      const first = await say({ action: 'history', limit: 2 });
      expect(first.response).toEqual({ statusCode: 200 });
      const page = first.replies[0] as HistoryMessage;
      expect(first.replies).toHaveLength(1);
      expect(page).toMatchObject({ type: 'history', version: 1, rings: [{ text: 'An unknown visitor is at the front door' }, {}] });
      expect(page.rings).toHaveLength(2);
      expect(page.next).toEqual({ at: expect.any(Number), ringId: page.rings[1]!.ringId });

      const second = await say({ action: 'history', limit: 2, after: page.next });
      const rest = second.replies[0] as HistoryMessage;
      expect(rest.rings).toHaveLength(1);
      expect(rest.next).toBeUndefined();
      expect(new Set([...page.rings, ...rest.rings].map((ring) => ring.ringId)).size).toBe(3);
    });

    it('defaults to the first page without a limit', async () => {
      const { say } = await withRings(2);
      const { replies } = await say({ action: 'history' });
      expect(replies).toEqual([expect.objectContaining({ type: 'history', rings: [expect.anything(), expect.anything()] })]);
      expect(replies[0]).not.toHaveProperty('next');
    });

    it.each([
      ['a limit of 0', { limit: 0 }],
      ['a limit over 100', { limit: 101 }],
      ['a fractional limit', { limit: 1.5 }],
      ['a limit as text', { limit: '10' }],
      ['a cursor without ring id', { after: { at: 1 } }],
      ['a cursor with a bad ring id', { after: { at: 1, ringId: '../x' } }],
      ['a cursor with extra fields', { after: { at: 1, ringId: 'r', x: 1 } }],
      ['an unknown field', { since: 1 }],
    ])('refuses %s with bad-request', async (_, fields) => {
      const { say } = await setUp();
      expect(await say({ action: 'history', ...fields })).toEqual({ response: { statusCode: 200 }, replies: [error('bad-request')] });
    });
  });

  describe('requestUpload', () => {
    it('gives a doorbell an upload URL for exactly its photo size', async () => {
      const { say, doorbell } = await setUp('doorbell');

      const { response, replies } = await say({ action: 'requestUpload', contentLength: 1234 });

      expect(response).toEqual({ statusCode: 200 });
      expect(replies).toEqual([
        {
          type: 'uploadUrl',
          version: 1,
          ringId: expect.any(String),
          url: expect.any(String),
          method: 'PUT',
          headers: { 'content-type': 'image/jpeg', 'content-length': '1234', 'if-none-match': '*' },
          expiresInSeconds: 60,
          debounced: false,
        },
      ]);
      const upload = replies[0] as { url: string };
      expect(doorbell.photos.acceptUpload(upload.url, new Uint8Array(1234))).toMatchObject({ kind: 'stored' });
    });

    it('refuses a resident with forbidden', async () => {
      const { say } = await setUp('resident');
      expect(await say({ action: 'requestUpload', contentLength: 1234 })).toEqual({
        response: { statusCode: 200 },
        replies: [error('forbidden')],
      });
    });

    it.each([0, -1, 1.5, MAX_PHOTO_BYTES + 1])('refuses a contentLength of %s with bad-request', async (contentLength) => {
      const { say } = await setUp('doorbell');
      expect((await say({ action: 'requestUpload', contentLength })).replies).toEqual([error('bad-request')]);
    });

    it.each([[{}], [{ contentLength: '1234' }], [{ contentLength: null }]])('refuses %j with bad-request', async (fields) => {
      const { say } = await setUp('doorbell');
      expect((await say({ action: 'requestUpload', ...fields })).replies).toEqual([error('bad-request')]);
    });

    it('answers conflict when presses keep racing for the ring window', async () => {
      const { sender, identity, deps } = await setUp('doorbell');
      const handler = makeMessageHandler({
        ...deps,
        requestUpload: { execute: () => Promise.reject(new RingWindowContentionError(deviceId(identity.deviceId))) },
      });
      const before = sender.received().length;

      expect(await handler(sent(sender.connectionId, identity, { action: 'requestUpload', contentLength: 10 }))).toEqual({
        statusCode: 200,
      });
      expect(sender.received().slice(before)).toEqual([error('conflict')]);
    });
  });

  describe('answer', () => {
    it('replies to the resident with the answer and tells the doorbell, once; a second answer is a conflict', async () => {
      const { doorbell, say, sender, recording } = await setUp('resident');
      const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
      const otherPhone = await doorbell.connect(HOME, 'resident', 'Other phone');
      const { intake } = await doorbell.ring(camera.device, await sample('stranger.jpg'));
      if (intake.kind !== 'recorded') throw new Error('not recorded');
      const ringId = intake.ring.id;
      const before = { camera: camera.received().length, other: otherPhone.received().length };

      const { response, replies } = await say({ action: 'answer', ringId, reply: 'leave-it-at-the-door' });

      const answer = {
        type: 'answer',
        version: 1,
        ringId,
        reply: 'leave-it-at-the-door',
        byName: sender.device.name,
        at: expect.any(String),
      };
      expect(response).toEqual({ statusCode: 200 });
      expect(replies).toEqual([answer]);
      // The door is told what was answered, not who answered.
      expect(camera.received().slice(before.camera)).toEqual([
        { type: 'reply', version: 1, ringId, reply: 'leave-it-at-the-door', at: expect.any(String) },
      ]);
      expect(otherPhone.received().slice(before.other)).toEqual([answer]);
      expect(recording.counts).toContainEqual(expect.objectContaining({ metric: 'RingsAnswered' }));

      expect((await say({ action: 'answer', ringId, reply: 'coming' })).replies).toEqual([
        error('conflict', expect.stringContaining(sender.device.name)),
      ]);
      expect(camera.received().slice(before.camera)).toHaveLength(1);
    });

    it.each([
      ['an unknown ring', { ringId: 'ring-nobody-rang' }, 'not-found'],
      ['a bad reply', { reply: '   ' }, 'bad-request'],
    ])('answers %s with a clear error', async (_, change, code) => {
      const { say } = await setUp('resident');
      expect((await say({ action: 'answer', ringId: 'ring-nobody-rang', reply: 'coming', ...change })).replies).toEqual([error(code)]);
    });

    it('refuses an answer from the doorbell itself', async () => {
      const { say } = await setUp('doorbell');
      expect((await say({ action: 'answer', ringId: 'ring-1', reply: 'coming' })).replies).toEqual([error('forbidden')]);
    });

    it('answers a ring past its answer window with expired', async () => {
      const { doorbell, say } = await setUp('resident');
      const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
      const { intake } = await doorbell.ring(camera.device, await sample('stranger.jpg'));
      if (intake.kind !== 'recorded') throw new Error('not recorded');
      doorbell.clock.advance(minutes(2));
      expect((await say({ action: 'answer', ringId: intake.ring.id, reply: 'coming' })).replies).toEqual([error('expired')]);
    });
  });

  describe('verifyCode', () => {
    it('answers the keypad valid once for an issued code, then invalid, and never logs the code', async () => {
      const { doorbell, say, recording } = await setUp('doorbell');
      const ring = aRing({
        householdId: HOME,
        at: doorbell.clock.now(),
        identification: { kind: 'known', visitors: [TRUSTED_ALICE], unknownFaces: 0 },
      });
      await doorbell.get(TOKENS.RingRepository).create(ring);
      const issued = await doorbell.get(TOKENS.IssueAccessCode).execute({ householdId: HOME, ringId: ring.id });
      if (issued.kind !== 'issued') throw new Error('no code');
      const code = issued.codes[0]!.code;

      expect((await say({ action: 'verifyCode', code })).replies).toEqual([
        { type: 'codeResult', version: 1, result: 'valid', visitorName: 'Alice' },
      ]);
      expect((await say({ action: 'verifyCode', code })).replies).toEqual([{ type: 'codeResult', version: 1, result: 'invalid' }]);
      expect(JSON.stringify(recording.logs)).not.toContain(code);
    });

    it('is for the doorbell keypad only', async () => {
      const { say } = await setUp('resident');
      expect((await say({ action: 'verifyCode', code: '123456' })).replies).toEqual([error('forbidden')]);
    });
  });

  it.each([
    ['an unknown action', { action: 'openDoor' }, 'unknown-action'],
    ['a message without action', { ping: true }, 'bad-request'],
    ['an action that is not text', { action: 42 }, 'bad-request'],
    ['an array', [{ action: 'ping' }], 'bad-request'],
    ['a JSON string', 'ping', 'bad-request'],
    ['null', null, 'bad-request'],
    ['ping with extra fields', { action: 'ping', extra: 1 }, 'bad-request'],
  ])('answers %s with %s', async (_, message, code) => {
    const { say } = await setUp();
    expect(await say(message)).toEqual({ response: { statusCode: 200 }, replies: [error(code)] });
  });

  it.each([
    ['a body that is not JSON', 'ping please'],
    ['truncated JSON', '{"action":"ping"'],
    ['an empty body', ''],
    ['no body at all', undefined],
  ])('answers %s with bad-request', async (_, body) => {
    const { send, sender, identity } = await setUp();
    expect(await send(messageEvent({ connectionId: sender.connectionId, device: identity, body }))).toEqual({
      response: { statusCode: 200 },
      replies: [error('bad-request')],
    });
  });

  it('reads a base64 body (a binary frame)', async () => {
    const { send, sender, identity } = await setUp();
    const body = Buffer.from(JSON.stringify({ action: 'ping' })).toString('base64');
    expect(
      (await send(messageEvent({ connectionId: sender.connectionId, device: identity, body, isBase64Encoded: true }))).replies,
    ).toEqual([{ type: 'pong', version: 1 }]);
  });

  it('refuses a base64 body that is not UTF-8 text', async () => {
    const { send, sender, identity } = await setUp();
    const body = Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('base64');
    expect(
      (await send(messageEvent({ connectionId: sender.connectionId, device: identity, body, isBase64Encoded: true }))).replies,
    ).toEqual([error('bad-request')]);
  });

  it.each([
    ['a 200 KB body', false],
    ['a 200 KB base64 body', true],
  ])('answers %s with payload-too-large', async (_, base64) => {
    const { send, sender, identity } = await setUp();
    const text = JSON.stringify({ action: 'ping', padding: 'x'.repeat(200 * 1024) });
    const body = base64 ? Buffer.from(text).toString('base64') : text;
    expect(
      (await send(messageEvent({ connectionId: sender.connectionId, device: identity, body, isBase64Encoded: base64 }))).replies,
    ).toEqual([error('payload-too-large')]);
  });

  it('accepts a frame of exactly 128 KB as far as size goes', async () => {
    const { send, sender, identity } = await setUp();
    const prefix = '{"action":"ping","pad":"';
    const body = `${prefix}${'x'.repeat(MAX_FRAME_BYTES - prefix.length - 2)}"}`;
    expect(Buffer.byteLength(body)).toBe(MAX_FRAME_BYTES);
    expect((await send(messageEvent({ connectionId: sender.connectionId, device: identity, body }))).replies).toEqual([
      error('bad-request'),
    ]);
  });

  it.each([
    ['__proto__', '{"__proto__":{"polluted":true},"action":"ping"}'],
    ['nested __proto__', '{"action":"history","after":{"__proto__":{"polluted":true},"at":1,"ringId":"r"}}'],
    ['constructor', '{"action":"ping","constructor":{"prototype":{"polluted":true}}}'],
  ])('refuses a %s key with bad-request, and nothing is polluted', async (_, body) => {
    const { send, sender, identity } = await setUp();
    expect((await send(messageEvent({ connectionId: sender.connectionId, device: identity, body }))).replies).toEqual([
      error('bad-request'),
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses deep nesting without walking it', async () => {
    const { send, sender, identity } = await setUp();
    const body = `{"action":"ping","x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    expect((await send(messageEvent({ connectionId: sender.connectionId, device: identity, body }))).replies).toEqual([
      error('bad-request'),
    ]);
  });

  it('answers forbidden when the connection carries no device identity (ping still works)', async () => {
    const { send, sender } = await setUp();
    expect((await send(messageEvent({ connectionId: sender.connectionId, body: '{"action":"history"}' }))).replies).toEqual([
      error('forbidden'),
    ]);
    expect((await send(messageEvent({ connectionId: sender.connectionId, body: '{"action":"ping"}' }))).replies).toEqual([
      { type: 'pong', version: 1 },
    ]);
  });

  it('answers an unexpected failure with internal (500), logged without the body', async () => {
    const { deps, sender, identity, recording } = await setUp();
    const handler = makeMessageHandler({ ...deps, ringHistory: { execute: () => Promise.reject(new Error('table is on fire')) } });
    const before = sender.received().length;

    expect(await handler(sent(sender.connectionId, identity, { action: 'history', limit: 7 }))).toEqual({ statusCode: 500 });

    expect(sender.received().slice(before)).toEqual([error('internal')]);
    expect(recording.logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'message failed' }));
    expect(recording.text()).not.toContain('"limit');
  });

  it('answers 500 without throwing when the reply cannot be pushed', async () => {
    const { handler, doorbell, sender, identity, recording } = await setUp();
    doorbell.notifier.breakConnection(sender.connectionId, 'throttled');

    expect(await handler(sent(sender.connectionId, identity, { action: 'ping' }))).toEqual({ statusCode: 500 });
    expect(recording.logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'reply could not be sent' }));
  });

  it('answers 200 when the sender left before the reply (gone)', async () => {
    const { handler, doorbell, sender, identity } = await setUp();
    doorbell.notifier.vanish(sender.connectionId);
    expect(await handler(sent(sender.connectionId, identity, { action: 'ping' }))).toEqual({ statusCode: 200 });
  });

  it('answers 400, pushing nothing, to an event without a connection to answer', async () => {
    const { handler, sender, identity } = await setUp();
    const event = sent(sender.connectionId, identity, { action: 'ping' });
    delete event['requestContext']['connectionId'];
    expect(await handler(event)).toEqual({ statusCode: 400 });
    expect(await handler(undefined)).toEqual({ statusCode: 400 });
    expect(sender.received()).toEqual([]);
  });
});
