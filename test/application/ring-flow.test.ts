import { describe, expect, it, vi } from 'vitest';
import { TOKENS } from '../../infrastructure/di/tokens';
import { sample } from '../support/sample-photos';
import { HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';

describe('a ring, end to end over the in-memory container', () => {
  it('tells every device of the household who is at the door', async () => {
    const doorbell = inMemoryDoorbell();
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
    const phone = await doorbell.connect(HOME, 'resident');
    const camera = await doorbell.connect(HOME, 'doorbell', 'front door');

    const result = await doorbell.ring(camera.device, sample('alice-2.jpg'));

    expect(result.intake).toMatchObject({ kind: 'recorded', fresh: true, ring: { identification: { kind: 'known' } } });
    expect(phone.received()).toEqual([
      expect.objectContaining({ type: 'ring', version: 1, outcome: 'known', text: 'Alice is at the front door' }),
    ]);
    expect(camera.received()).toHaveLength(1);
  });

  it('announces a door page device by the door it rings at: "Alice is at the front door", not "at the Door page"', async () => {
    const doorbell = inMemoryDoorbell();
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
    const phone = await doorbell.connect(HOME, 'resident');
    const registered = await doorbell
      .get(TOKENS.RegisterDevice)
      .execute({ householdId: HOME, role: 'doorbell', name: 'Door page', door: 'front door' });
    if (registered.kind !== 'registered') throw new Error(registered.reason);

    await doorbell.ring(registered.device, sample('alice-2.jpg'));

    expect(phone.received()).toEqual([
      expect.objectContaining({ type: 'ring', doorName: 'front door', text: 'Alice is at the front door' }),
    ]);
  });

  it('rings without a camera: the household hears exactly "Someone is at the front door", nothing is scanned', async () => {
    const doorbell = inMemoryDoorbell();
    // Alice is enrolled and her photo is what is uploaded: marked camera-less, it must still never be scanned.
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
    const scan = vi.spyOn(doorbell.get(TOKENS.FaceRecognizer), 'scan');
    const phone = await doorbell.connect(HOME, 'resident');
    const camera = await doorbell.connect(HOME, 'doorbell', 'front door');

    const result = await doorbell.ring(camera.device, sample('alice-2.jpg'), { camera: false });

    expect(scan).not.toHaveBeenCalled();
    expect(result.intake).toMatchObject({
      kind: 'recorded',
      fresh: true,
      ring: { identification: { kind: 'unavailable', reason: 'no-camera' }, photoType: 'image/jpeg' },
    });
    expect(phone.received()).toEqual([
      expect.objectContaining({
        type: 'ring',
        outcome: 'unavailable',
        reason: 'no-camera',
        text: 'Someone is at the front door',
        snapshotUrl: expect.any(String),
      }),
    ]);
    expect(camera.received()).toEqual([expect.objectContaining({ type: 'ringing' })]);
    const history = await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME });
    expect(history.rings.map((ring) => [ring.text, ring.reason])).toEqual([['Someone is at the front door', 'no-camera']]);
  });
});
