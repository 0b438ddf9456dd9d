import { describe, expect, it } from 'vitest';
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
});
