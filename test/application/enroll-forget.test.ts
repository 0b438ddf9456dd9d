import { describe, expect, it } from 'vitest';
import type { EnrollCommand, EnrollResult } from '../../application/enroll';
import { MAX_PHOTOS_PER_ENROLLMENT } from '../../domain/protocol/limits';
import type { RingIntakeResult } from '../../application/ring-intake';
import { MAX_PHOTO_BYTES } from '../../domain/face';
import type { Identification } from '../../domain/identification';
import { MAX_VISITOR_NAME_LENGTH, type Visitor } from '../../domain/visitor';
import { TOKENS } from '../../infrastructure/di/tokens';
import { HOME, OTHER_HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';

type Doorbell = ReturnType<typeof inMemoryDoorbell>;
type Enrolled = Extract<EnrollResult, { kind: 'enrolled' }>;

function enrolled(result: EnrollResult): Enrolled {
  if (result.kind !== 'enrolled') throw new Error(`expected an enrollment, got ${result.kind}`);
  return result;
}

function identificationOf(result: RingIntakeResult): Identification {
  if (result.kind !== 'recorded') throw new Error(`expected a recorded ring, got rejected: ${result.reason}`);
  return result.ring.identification;
}

async function ringWith(doorbell: Doorbell, photo: Uint8Array): Promise<Identification> {
  const camera = await doorbell.registerDevice(HOME, 'doorbell', 'front door');
  const photoKey = await doorbell.press(camera, photo);
  return identificationOf(await doorbell.get(TOKENS.Identify).execute({ photoKey }));
}

function enroll(doorbell: Doorbell, command: Partial<EnrollCommand> = {}): Promise<EnrollResult> {
  return doorbell.get(TOKENS.Enroll).execute({ householdId: HOME, name: 'Alice', photos: [sample('alice-1.jpg')], ...command });
}

const listVisitors = (doorbell: Doorbell, householdId = HOME): Promise<readonly Visitor[]> =>
  doorbell.get(TOKENS.ListVisitors).execute({ householdId });

describe('Enroll', () => {
  it('creates a new, untrusted visitor with the faces of the photo', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();

    // Act
    const result = enrolled(await enroll(doorbell));

    // Assess
    expect(result.created).toBe(true);
    expect(result.visitor).toMatchObject({ householdId: HOME, name: 'Alice', trusted: false, enrolledAt: doorbell.clock.now() });
    expect(result.visitor.faceIds.length).toBeGreaterThan(0);
    expect(await listVisitors(doorbell)).toEqual([result.visitor]);
  });

  it('tidies the name it stores', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();

    // Act
    const result = enrolled(await enroll(doorbell, { name: '  Alice   Smith ' }));

    // Assess
    expect(result.visitor.name).toBe('Alice Smith');
  });

  it('adds faces to the same visitor when the name differs only in case and spacing', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const first = enrolled(await enroll(doorbell, { name: 'Alice' }));

    // Act
    const second = enrolled(await enroll(doorbell, { name: '  aLiCe ', photos: [sample('alice-2.jpg')] }));

    // Assess
    expect(second.created).toBe(false);
    expect(second.visitor.id).toBe(first.visitor.id);
    expect(second.visitor.name).toBe('Alice');
    expect(second.visitor.faceIds).toEqual(expect.arrayContaining([...first.visitor.faceIds]));
    expect(second.visitor.faceIds.length).toBeGreaterThan(first.visitor.faceIds.length);
    expect(await listVisitors(doorbell)).toEqual([second.visitor]);
  });

  it('updates trusted on an existing visitor when it is given', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    await enroll(doorbell, { trusted: false });

    // Act
    const result = enrolled(await enroll(doorbell, { name: 'ALICE', trusted: true, photos: [sample('alice-2.jpg')] }));

    // Assess
    expect(result.visitor.trusted).toBe(true);
    expect((await listVisitors(doorbell))[0]?.trusted).toBe(true);
  });

  it('keeps the trusted flag of an existing visitor when it is omitted', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    await enroll(doorbell, { trusted: true });

    // Act
    const result = enrolled(await enroll(doorbell, { photos: [sample('alice-2.jpg')] }));

    // Assess
    expect(result.visitor.trusted).toBe(true);
  });

  it("reports 'no-face-enrolled' for a new name whose photo shows no face, and saves no visitor", async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();

    // Act
    const result = await enroll(doorbell, { name: 'Nobody', photos: [sample('empty-porch.jpg')] });

    // Assess
    expect(result).toEqual({ kind: 'no-face-enrolled', photos: [{ kind: 'no-face' }] });
    expect(await listVisitors(doorbell)).toEqual([]);
  });

  it('reports the result of each photo, in order, and keeps the faces found', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();

    // Act
    const result = enrolled(await enroll(doorbell, { photos: [sample('alice-1.jpg'), sample('empty-porch.jpg')] }));

    // Assess
    expect(result.photos).toEqual([{ kind: 'indexed', faceIds: [expect.any(String)] }, { kind: 'no-face' }]);
    const [first] = result.photos;
    expect(first?.kind === 'indexed' && first.faceIds).toEqual(result.visitor.faceIds);
  });

  it.each<[string, Partial<EnrollCommand>]>([
    ['an empty name', { name: '' }],
    ['a blank name', { name: ' \t ' }],
    [`a name of ${MAX_VISITOR_NAME_LENGTH + 1} characters`, { name: 'A'.repeat(MAX_VISITOR_NAME_LENGTH + 1) }],
    ['a name with a control character', { name: 'Alice\u0007' }],
    ['zero photos', { photos: [] }],
    [
      `${MAX_PHOTOS_PER_ENROLLMENT + 1} photos`,
      { photos: Array.from({ length: MAX_PHOTOS_PER_ENROLLMENT + 1 }, () => sample('alice-1.jpg')) },
    ],
    ['an empty photo', { photos: [sample('alice-1.jpg'), new Uint8Array(0)] }],
    ['a photo larger than MAX_PHOTO_BYTES', { photos: [new Uint8Array(MAX_PHOTO_BYTES + 1)] }],
  ])('rejects %s and saves no visitor', async (_, command) => {
    // Prepare
    const doorbell = inMemoryDoorbell();

    // Act
    const result = await enroll(doorbell, command);

    // Assess
    expect(result).toEqual({ kind: 'rejected', reason: expect.any(String) });
    expect(await listVisitors(doorbell)).toEqual([]);
  });

  it.each<[string, Partial<EnrollCommand>]>([
    [`a name of exactly ${MAX_VISITOR_NAME_LENGTH} characters`, { name: 'A'.repeat(MAX_VISITOR_NAME_LENGTH) }],
    [
      `exactly ${MAX_PHOTOS_PER_ENROLLMENT} photos`,
      { photos: Array.from({ length: MAX_PHOTOS_PER_ENROLLMENT }, () => sample('alice-1.jpg')) },
    ],
  ])('accepts %s', async (_, command) => {
    // Prepare
    const doorbell = inMemoryDoorbell();

    // Act
    const result = await enroll(doorbell, command);

    // Assess
    expect(result).toMatchObject({ kind: 'enrolled', created: true });
  });

  it('enrolls the same name separately in two households', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const home = enrolled(await enroll(doorbell, { householdId: HOME }));

    // Act
    const other = enrolled(await enroll(doorbell, { householdId: OTHER_HOME }));

    // Assess
    expect(other.created).toBe(true);
    expect(other.visitor.id).not.toBe(home.visitor.id);
  });
});

describe('Forget', () => {
  it('removes the visitor and their faces, so a later ring with her photo is unknown', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const alice = enrolled(await enroll(doorbell)).visitor;

    // Act
    const result = await doorbell.get(TOKENS.Forget).execute({ householdId: HOME, name: 'alice' });

    // Assess
    expect(result).toEqual({ kind: 'forgotten', visitor: alice });
    expect(await listVisitors(doorbell)).toEqual([]);
    expect(await ringWith(doorbell, sample('alice-2.jpg'))).toEqual({ kind: 'unknown', unknownFaces: 1 });
  });

  it('removes the faces, so a visitor enrolled again under the name starts afresh', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const before = enrolled(await enroll(doorbell)).visitor;
    await doorbell.get(TOKENS.Forget).execute({ householdId: HOME, name: 'Alice' });

    // Act
    const again = enrolled(await enroll(doorbell, { photos: [sample('bob.jpg')] }));

    // Assess
    expect(again.created).toBe(true);
    expect(again.visitor.id).not.toBe(before.id);
    expect(await ringWith(doorbell, sample('alice-2.jpg'))).toEqual({ kind: 'unknown', unknownFaces: 1 });
  });

  it("answers 'not-found' for a name nobody was enrolled under", async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    await enroll(doorbell);

    // Act
    const result = await doorbell.get(TOKENS.Forget).execute({ householdId: HOME, name: 'Mallory' });

    // Assess
    expect(result).toEqual({ kind: 'not-found' });
    expect(await listVisitors(doorbell)).toHaveLength(1);
  });

  it("answers 'not-found' for a name enrolled only in another household and leaves that visitor recognized", async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    await enroll(doorbell, { householdId: HOME });

    // Act
    const result = await doorbell.get(TOKENS.Forget).execute({ householdId: OTHER_HOME, name: 'Alice' });

    // Assess
    expect(result).toEqual({ kind: 'not-found' });
    expect(await ringWith(doorbell, sample('alice-2.jpg'))).toMatchObject({ kind: 'known', visitors: [{ name: 'Alice' }] });
  });

  it('forgets only the named visitor: the others are still recognized', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    await enroll(doorbell, { name: 'Alice' });
    await enroll(doorbell, { name: 'Stranger', photos: [sample('stranger.jpg')] });

    // Act
    await doorbell.get(TOKENS.Forget).execute({ householdId: HOME, name: 'Alice' });

    // Assess
    expect((await listVisitors(doorbell)).map((visitor) => visitor.name)).toEqual(['Stranger']);
    expect(await ringWith(doorbell, sample('alice-and-stranger.jpg'))).toMatchObject({
      kind: 'known',
      visitors: [{ name: 'Stranger' }],
      unknownFaces: 1,
    });
  });
});

describe('ListVisitors', () => {
  it("lists the household's own visitors sorted by name, ignoring case", async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    await enroll(doorbell, { name: 'carol', photos: [sample('stranger.jpg')] });
    await enroll(doorbell, { name: 'Alice', photos: [sample('alice-1.jpg')] });
    await enroll(doorbell, { name: 'bob', photos: [sample('bob.jpg')] });
    await enroll(doorbell, { householdId: OTHER_HOME, name: 'Aaron', photos: [sample('bob.jpg')] });

    // Act
    const visitors = await listVisitors(doorbell);

    // Assess
    expect(visitors.map((visitor) => visitor.name)).toEqual(['Alice', 'bob', 'carol']);
    expect(visitors.every((visitor) => visitor.householdId === HOME)).toBe(true);
  });

  it('lists nothing for a household without visitors', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    await enroll(doorbell, { householdId: OTHER_HOME });

    // Act
    const visitors = await listVisitors(doorbell, HOME);

    // Assess
    expect(visitors).toEqual([]);
  });
});
