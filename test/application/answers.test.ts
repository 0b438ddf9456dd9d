import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_WINDOW, MAX_REPLY_LENGTH } from '../../domain/answer';
import type { Device } from '../../domain/device';
import type { HouseholdId } from '../../domain/ids';
import { audienceOf } from '../../domain/protocol/server-messages';
import type { Ring } from '../../domain/ring';
import { isoTime } from '../../domain/time';
import { IN_MEMORY } from '../../infrastructure/di/in-memory.module';
import { TOKENS } from '../../infrastructure/di/tokens';
import { aRing, aRingId } from '../support/builders';
import { HOME, OTHER_HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';

function setUp() {
  const doorbell = inMemoryDoorbell();
  const get = doorbell.get;
  const ringAt = async (householdId: HouseholdId): Promise<Ring> => {
    const ring = aRing({ householdId, id: aRingId(), at: doorbell.clock.now() });
    await get(TOKENS.RingRepository).create(ring);
    return ring;
  };
  const answer = (device: Device, ringId: unknown, reply: unknown = 'coming') =>
    get(TOKENS.AnswerRing).execute({ householdId: device.householdId, deviceId: device.id, role: device.role, ringId, reply });
  return { doorbell, get, ringAt, answer };
}

describe('AnswerRing', () => {
  it('records the first answer and returns the answer message for the doorbell and residents', async () => {
    const { doorbell, ringAt, answer } = setUp();
    const phone = await doorbell.registerDevice(HOME, 'resident', "Sam's phone");
    const ring = await ringAt(HOME);
    doorbell.clock.advance(5_000);
    const result = await answer(phone, ring.id, 'leave-it-at-the-door');
    expect(result).toMatchObject({
      kind: 'answered',
      answer: { ringId: ring.id, householdId: HOME, byDeviceId: phone.id, byName: "Sam's phone", reply: 'leave-it-at-the-door' },
      message: { type: 'answer', ringId: ring.id, reply: 'leave-it-at-the-door', byName: "Sam's phone", at: isoTime(doorbell.clock.now()) },
    });
    if (result.kind !== 'answered') throw new Error('unreachable');
    expect(audienceOf(result.message)).toEqual(['resident', 'doorbell']);
  });

  it('lets the first answer win: a second one is already-answered, naming who answered', async () => {
    const { doorbell, ringAt, answer } = setUp();
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');
    const dashboard = await doorbell.registerDevice(HOME, 'resident', 'Dashboard');
    const ring = await ringAt(HOME);
    expect((await answer(phone, ring.id)).kind).toBe('answered');
    expect(await answer(dashboard, ring.id, 'be-right-there')).toMatchObject({
      kind: 'rejected',
      reason: 'already-answered',
      message: expect.stringContaining('Phone'),
    });
    expect((await answer(phone, ring.id)).kind).toBe('rejected');
  });

  it('lets exactly one of concurrent answers win', async () => {
    const { doorbell, ringAt, answer } = setUp();
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');
    const dashboard = await doorbell.registerDevice(HOME, 'resident', 'Dashboard');
    const ring = await ringAt(HOME);
    const results = await Promise.all([answer(phone, ring.id), answer(dashboard, ring.id), answer(phone, ring.id)]);
    expect(results.filter((result) => result.kind === 'answered')).toHaveLength(1);
  });

  it("answers not-found for an unknown ring, a malformed ring id and another household's ring", async () => {
    const { doorbell, ringAt, answer } = setUp();
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');
    const theirs = await ringAt(OTHER_HOME);
    for (const ringId of [aRingId(), 'bad id/with slash', 42, undefined, theirs.id]) {
      expect(await answer(phone, ringId)).toMatchObject({ kind: 'rejected', reason: 'not-found' });
    }
  });

  it('refuses answers after the answer window, and after the ring was recorded unanswered', async () => {
    const { doorbell, get, ringAt, answer } = setUp();
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');
    const late = await ringAt(HOME);
    doorbell.clock.advance(DEFAULT_ANSWER_WINDOW);
    expect(await answer(phone, late.id)).toMatchObject({ kind: 'rejected', reason: 'expired' });

    const timedOut = await ringAt(HOME);
    expect(await get(TOKENS.RecordUnansweredRing).execute({ householdId: HOME, ringId: timedOut.id })).toMatchObject({
      kind: 'unanswered',
      response: { kind: 'unanswered', ringId: timedOut.id },
    });
    expect(await answer(phone, timedOut.id)).toMatchObject({ kind: 'rejected', reason: 'expired' });
  });

  it('keeps an answer that came before the timeout', async () => {
    const { doorbell, get, ringAt, answer } = setUp();
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');
    const ring = await ringAt(HOME);
    await answer(phone, ring.id);
    expect(await get(TOKENS.RecordUnansweredRing).execute({ householdId: HOME, ringId: ring.id })).toMatchObject({
      kind: 'answered',
      response: { kind: 'answered', answer: { byName: 'Phone' } },
    });
    expect(await get(TOKENS.AnswerRepository).get(HOME, ring.id, doorbell.clock.now())).toMatchObject({ kind: 'answered' });
  });

  it('is for registered resident devices only', async () => {
    const { doorbell, get, ringAt, answer } = setUp();
    const bell = await doorbell.registerDevice(HOME, 'doorbell', 'front door');
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');
    const ring = await ringAt(HOME);
    expect(await answer(bell, ring.id)).toMatchObject({ kind: 'rejected', reason: 'forbidden' });
    // A resident role claimed for a device that is not registered (or registered as a doorbell).
    expect(await answer({ ...bell, role: 'resident' }, ring.id)).toMatchObject({ kind: 'rejected', reason: 'forbidden' });
    await get(TOKENS.RevokeDevice).execute({ householdId: HOME, deviceId: phone.id });
    expect(await answer(phone, ring.id)).toMatchObject({ kind: 'rejected', reason: 'forbidden' });
  });

  it('validates the reply: presets, short trimmed free text, nothing else', async () => {
    const { doorbell, ringAt, answer } = setUp();
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');
    for (const reply of ['', '   ', 'x'.repeat(MAX_REPLY_LENGTH + 1), 'bell\u0007', 7, null]) {
      expect(await answer(phone, (await ringAt(HOME)).id, reply)).toMatchObject({ kind: 'rejected', reason: 'bad-reply' });
    }
    expect(await answer(phone, (await ringAt(HOME)).id, '  Two minutes,\n please  ')).toMatchObject({
      kind: 'answered',
      answer: { reply: 'Two minutes, please' },
    });
  });
});

describe('AwaitAnswer and the waiting workflow run', () => {
  const TOKEN = 'task-token-1';

  it('keeps the token and waits; the answer then resumes the run with the response (never the device id)', async () => {
    const { doorbell, get, ringAt, answer } = setUp();
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');
    const ring = await ringAt(HOME);
    const run = get(IN_MEMORY.WorkflowCallbacks).wait(TOKEN);

    expect(await get(TOKENS.AwaitAnswer).execute({ householdId: HOME, ringId: ring.id, taskToken: TOKEN })).toEqual({ kind: 'waiting' });
    expect(await answer(phone, ring.id, 'coming')).toMatchObject({ kind: 'answered', workflow: 'resumed' });

    expect(await run).toEqual({
      kind: 'succeeded',
      output: { kind: 'answered', byName: 'Phone', reply: 'coming', at: isoTime(doorbell.clock.now()) },
    });
  });

  it('resumes the run at once when the answer came before the run kept its token', async () => {
    const { doorbell, get, ringAt, answer } = setUp();
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');
    const ring = await ringAt(HOME);
    const run = get(IN_MEMORY.WorkflowCallbacks).wait(TOKEN);
    expect(await answer(phone, ring.id, 'be-right-there')).toMatchObject({ kind: 'answered', workflow: 'no-waiting-run' });

    expect(await get(TOKENS.AwaitAnswer).execute({ householdId: HOME, ringId: ring.id, taskToken: TOKEN })).toEqual({
      kind: 'already-answered',
      workflow: 'resumed',
    });
    expect(await run).toMatchObject({ kind: 'succeeded', output: { kind: 'answered', reply: 'be-right-there' } });
  });

  it('records the answer and tells the household even when the callback fails; the run then ends at its timeout', async () => {
    const { doorbell, get, ringAt, answer } = setUp();
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');
    const ring = await ringAt(HOME);
    await get(TOKENS.AwaitAnswer).execute({ householdId: HOME, ringId: ring.id, taskToken: TOKEN });
    doorbell.container.rebind(TOKENS.WorkflowCallbacks).toConstantValue({
      succeed: () => Promise.reject(new Error('throttled')),
      fail: () => Promise.reject(new Error('throttled')),
    });

    expect(await answer(phone, ring.id)).toMatchObject({ kind: 'answered', workflow: 'failed' });
    expect(await get(TOKENS.RecordUnansweredRing).execute({ householdId: HOME, ringId: ring.id })).toMatchObject({ kind: 'answered' });
  });

  it('ends the run at once for a ring that does not exist', async () => {
    const { get } = setUp();
    const run = get(IN_MEMORY.WorkflowCallbacks).wait(TOKEN);
    expect(await get(TOKENS.AwaitAnswer).execute({ householdId: HOME, ringId: aRingId(), taskToken: TOKEN })).toEqual({
      kind: 'ring-not-found',
    });
    expect(await run).toEqual({ kind: 'succeeded', output: { kind: 'ring-not-found' } });
  });

  it("tells the other residents and (without the answerer's name) the doorbell, but not the sender, whose reply is the answer itself", async () => {
    const { doorbell, get, ringAt } = setUp();
    const sender = await doorbell.connect(HOME, 'resident', 'Phone');
    const other = await doorbell.connect(HOME, 'resident', 'Tablet');
    const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
    const elsewhere = await doorbell.connect(OTHER_HOME, 'resident', 'Neighbour');
    const ring = await ringAt(HOME);

    const result = await get(TOKENS.AnswerRing).execute({
      householdId: HOME,
      deviceId: sender.device.id,
      role: 'resident',
      connectionId: sender.connectionId,
      ringId: ring.id,
      reply: 'coming',
    });

    expect(result).toMatchObject({
      kind: 'answered',
      delivery: { delivered: expect.arrayContaining([other.connectionId, camera.connectionId]) },
    });
    expect(other.received()).toEqual([expect.objectContaining({ type: 'answer', byName: 'Phone' })]);
    // The door hears what was answered, never who answered (device names name residents).
    expect(camera.received()).toEqual([{ type: 'reply', version: 1, ringId: ring.id, reply: 'coming', at: expect.any(String) }]);
    expect(sender.received()).toEqual([]);
    expect(elsewhere.received()).toEqual([]);
  });
});
