import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_WINDOW, MAX_REPLY_LENGTH } from '../../domain/answer';
import type { Device } from '../../domain/device';
import type { HouseholdId } from '../../domain/ids';
import { audienceOf } from '../../domain/messages';
import type { Ring } from '../../domain/ring';
import { isoTime } from '../../domain/time';
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
    expect(await answer(dashboard, ring.id, 'be-right-there')).toMatchObject({ kind: 'rejected', reason: 'already-answered', message: expect.stringContaining('Phone') });
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
    expect(await get(TOKENS.RecordUnansweredRing).execute({ householdId: HOME, ringId: timedOut.id })).toEqual({ kind: 'unanswered' });
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
