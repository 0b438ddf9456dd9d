import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScryptCodeHasher } from '../../adapters/crypto/scrypt-code-hasher';
import type { IssuedAccessCode } from '../../application/issue-access-code';
import { ACCESS_CODE_LIFETIME, MAX_ACCESS_CODE_ATTEMPTS } from '../../domain/access-code';
import type { HouseholdId, VisitorId } from '../../domain/ids';
import type { Identification } from '../../domain/identification';
import { audienceOf } from '../../domain/protocol/server-messages';
import type { CodeGenerator } from '../../domain/ports/code-generator';
import type { Ring } from '../../domain/ring';
import { IN_MEMORY } from '../../infrastructure/di/in-memory.module';
import { TOKENS } from '../../infrastructure/di/tokens';
import { aRing, aRingId } from '../support/builders';
import { HOME, OTHER_HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { startReceiver } from '../support/webhook-receiver';

const alice = { visitorId: 'visitor-alice' as VisitorId, name: 'Alice', trusted: true, similarity: 99 };
const bob = { visitorId: 'visitor-bob' as VisitorId, name: 'Bob', trusted: false, similarity: 97 };
const carol = { visitorId: 'visitor-carol' as VisitorId, name: 'Carol', trusted: true, similarity: 95 };

/** A doorbell whose code hashing is cheap (scrypt cost 2^10) and, when given, whose codes are scripted. */
function setUp(codes?: () => string) {
  const doorbell = inMemoryDoorbell();
  doorbell.container.rebind(TOKENS.CodeHasher).toConstantValue(new ScryptCodeHasher({ cost: 1024 }));
  if (codes) {
    const generator: CodeGenerator = { next: codes };
    doorbell.container.rebind(TOKENS.CodeGenerator).toConstantValue(generator);
  }
  const get = doorbell.get;
  const ringOf = async (householdId: HouseholdId, identification: Identification): Promise<Ring> => {
    const ring = aRing({ householdId, id: aRingId(), at: doorbell.clock.now(), identification });
    await get(TOKENS.RingRepository).create(ring);
    return ring;
  };
  const issue = async (ring: Ring): Promise<readonly IssuedAccessCode[]> => {
    const result = await get(TOKENS.IssueAccessCode).execute({ householdId: ring.householdId, ringId: ring.id });
    return result.kind === 'issued' ? result.codes : [];
  };
  const verify = (householdId: HouseholdId, code: unknown) => get(TOKENS.VerifyAccessCode).execute({ householdId, role: 'doorbell', code });
  return { doorbell, get, ringOf, issue, verify, store: get(IN_MEMORY.AccessCodeRepository) };
}

const known = (...visitors: (typeof alice)[]): Identification => ({ kind: 'known', visitors, unknownFaces: 0 });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('IssueAccessCode', () => {
  it('issues a 6-digit code to each trusted visitor only, with a message for residents only', async () => {
    const { ringOf, issue, doorbell } = setUp();
    const ring = await ringOf(HOME, known(alice, bob, carol));
    const codes = await issue(ring);
    expect(codes.map((code) => code.visitorName).sort()).toEqual(['Alice', 'Carol']);
    for (const code of codes) {
      expect(code.code).toMatch(/^[0-9]{6}$/);
      expect(code.expiresAt).toBe(doorbell.clock.now() + ACCESS_CODE_LIFETIME);
      expect(code.message).toMatchObject({ type: 'accessCode', ringId: ring.id, visitorName: code.visitorName, code: code.code });
      expect(audienceOf(code.message)).toEqual(['resident']);
    }
  });

  it('issues nothing when no trusted visitor is at the door, or for an unknown ring', async () => {
    const { ringOf, get } = setUp();
    const ring = await ringOf(HOME, known(bob));
    expect(await get(TOKENS.IssueAccessCode).execute({ householdId: HOME, ringId: ring.id })).toEqual({
      kind: 'skipped',
      reason: 'no-trusted-visitor',
    });
    const unknown = await ringOf(HOME, { kind: 'unknown', unknownFaces: 1 });
    expect((await get(TOKENS.IssueAccessCode).execute({ householdId: HOME, ringId: unknown.id })).kind).toBe('skipped');
    expect(await get(TOKENS.IssueAccessCode).execute({ householdId: OTHER_HOME, ringId: ring.id })).toEqual({
      kind: 'skipped',
      reason: 'ring-not-found',
    });
  });

  it('gives a visitor no second code for the same ring (a retried run)', async () => {
    const { ringOf, issue } = setUp();
    const ring = await ringOf(HOME, known(alice));
    expect(await issue(ring)).toHaveLength(1);
    expect(await issue(ring)).toHaveLength(0);
  });

  it('stores only a salted hash: the plain code appears nowhere in the repository', async () => {
    const { ringOf, issue, store } = setUp();
    const [issued] = await issue(await ringOf(HOME, known(alice)));
    const stored = JSON.stringify(store.snapshot());
    expect(store.snapshot()).toHaveLength(1);
    expect(stored).not.toContain(issued!.code);
  });
});

describe('VerifyAccessCode', () => {
  it('opens once: the second time the same code is invalid', async () => {
    const { ringOf, issue, verify } = setUp();
    const [issued] = await issue(await ringOf(HOME, known(alice)));
    const first = await verify(HOME, issued!.code);
    expect(first).toMatchObject({
      kind: 'valid',
      visitorName: 'Alice',
      message: { type: 'codeResult', result: 'valid', visitorName: 'Alice' },
    });
    expect(await verify(HOME, issued!.code)).toMatchObject({ kind: 'invalid', message: { type: 'codeResult', result: 'invalid' } });
  });

  it(`locks the code after ${MAX_ACCESS_CODE_ATTEMPTS} wrong codes: then even the right one is invalid`, async () => {
    const { ringOf, issue, verify } = setUp(() => '123456');
    const [issued] = await issue(await ringOf(HOME, known(alice)));
    for (let n = 0; n < MAX_ACCESS_CODE_ATTEMPTS; n++) expect((await verify(HOME, '654321')).kind).toBe('invalid');
    expect((await verify(HOME, issued!.code)).kind).toBe('invalid');
  });

  it(`says "too many wrong codes" from the ${MAX_ACCESS_CODE_ATTEMPTS}th wrong code on, and only then`, async () => {
    const { ringOf, issue, verify } = setUp(() => '123456');
    await issue(await ringOf(HOME, known(alice)));
    for (let n = 1; n < MAX_ACCESS_CODE_ATTEMPTS; n++) {
      expect(await verify(HOME, '654321')).toEqual({ kind: 'invalid', message: { type: 'codeResult', version: 1, result: 'invalid' } });
    }
    const tooMany = {
      kind: 'invalid',
      reason: 'too-many-attempts',
      message: {
        type: 'codeResult',
        version: 1,
        result: 'invalid',
        reason: 'too-many-attempts',
        message: 'Too many wrong codes. Ask the household for a new one.',
      },
    };
    expect(await verify(HOME, '654321')).toEqual(tooMany);
    // The right code, a malformed one, another wrong one: the same answer, which says nothing about what was typed.
    expect(await verify(HOME, '123456')).toEqual(tooMany);
    expect(await verify(HOME, '12')).toEqual(tooMany);
    expect(await verify(HOME, '000000')).toEqual(tooMany);
  });

  it("tells the household's access-code webhooks why a code was refused once the keypad is locked, and only then", async () => {
    const { get, ringOf, issue, verify } = setUp(() => '123456');
    const receiver = await startReceiver();
    try {
      const added = await get(TOKENS.AddWebhook).execute({ householdId: HOME, url: receiver.url, events: ['access-code'] });
      if (added.kind !== 'added') throw new Error(added.reason);
      await issue(await ringOf(HOME, known(alice)));
      for (let n = 0; n < MAX_ACCESS_CODE_ATTEMPTS + 1; n++) await verify(HOME, '654321');

      const queue = get(IN_MEMORY.WebhookQueue);
      const events = queue.events.filter((event) => event.event === 'access-code');
      expect(events.map((event) => event.event === 'access-code' && event.reason)).toEqual([
        ...Array.from({ length: MAX_ACCESS_CODE_ATTEMPTS - 1 }, () => undefined),
        'too-many-attempts',
        'too-many-attempts',
      ]);
      // The payload a smart home receives says so too; a refusal before the lockout has no reason.
      for (const event of [events[0]!, events.at(-1)!]) await get(TOKENS.DispatchWebhookEvent).execute(event);
      const [before, locked] = queue.deliveries.map(({ delivery }) => JSON.parse(delivery.body) as Record<string, unknown>);
      expect(before).toMatchObject({ event: 'access-code', outcome: 'refused' });
      expect(before).not.toHaveProperty('reason');
      expect(locked).toMatchObject({ event: 'access-code', outcome: 'refused', reason: 'too-many-attempts' });
    } finally {
      await receiver.close();
    }
  });

  it('lifts the lockout with a new code, and never tells another household', async () => {
    const scripted = ['123456', '777777'];
    const { ringOf, issue, verify } = setUp(() => scripted.shift()!);
    await issue(await ringOf(HOME, known(alice)));
    for (let n = 0; n < MAX_ACCESS_CODE_ATTEMPTS; n++) await verify(HOME, '654321');
    expect(await verify(OTHER_HOME, '654321')).not.toHaveProperty('reason');
    await issue(await ringOf(HOME, known(carol)));
    expect(await verify(HOME, '654321')).not.toHaveProperty('reason');
    expect(await verify(HOME, '777777')).toMatchObject({ kind: 'valid', visitorName: 'Carol' });
  });

  it('never says "too many" when no code was ever issued, however many wrong codes', async () => {
    const { verify } = setUp();
    for (let n = 0; n < MAX_ACCESS_CODE_ATTEMPTS + 2; n++) expect(await verify(HOME, '654321')).not.toHaveProperty('reason');
  });

  it('still opens after fewer wrong codes than the limit', async () => {
    const { ringOf, issue, verify } = setUp(() => '123456');
    await issue(await ringOf(HOME, known(alice)));
    for (let n = 0; n < MAX_ACCESS_CODE_ATTEMPTS - 1; n++) await verify(HOME, '000000');
    expect((await verify(HOME, '123456')).kind).toBe('valid');
  });

  it('charges a wrong code against every active code of the household', async () => {
    const scripted = ['111111', '222222'];
    const { ringOf, issue, verify, store } = setUp(() => scripted.shift()!);
    await issue(await ringOf(HOME, known(alice, carol)));
    for (let n = 0; n < MAX_ACCESS_CODE_ATTEMPTS; n++) await verify(HOME, '999999');
    expect(store.snapshot().map((code) => code.failedAttempts)).toEqual([MAX_ACCESS_CODE_ATTEMPTS, MAX_ACCESS_CODE_ATTEMPTS]);
    expect((await verify(HOME, '111111')).kind).toBe('invalid');
    expect((await verify(HOME, '222222')).kind).toBe('invalid');
  });

  it('refuses a code at its expiry, 5 minutes after issue', async () => {
    const { ringOf, issue, verify, doorbell } = setUp();
    const [issued] = await issue(await ringOf(HOME, known(alice)));
    doorbell.clock.advance(ACCESS_CODE_LIFETIME);
    expect((await verify(HOME, issued!.code)).kind).toBe('invalid');
  });

  it('accepts a code just before its expiry', async () => {
    const { ringOf, issue, verify, doorbell } = setUp();
    const [issued] = await issue(await ringOf(HOME, known(alice)));
    doorbell.clock.advance(ACCESS_CODE_LIFETIME - 1);
    expect((await verify(HOME, issued!.code)).kind).toBe('valid');
  });

  it('lets only one of two keypads typing the same code at once open the door', async () => {
    const { ringOf, issue, verify } = setUp();
    const [issued] = await issue(await ringOf(HOME, known(alice)));
    const results = await Promise.all([verify(HOME, issued!.code), verify(HOME, issued!.code)]);
    expect(results.map((result) => result.kind).sort()).toEqual(['invalid', 'valid']);
  });

  it('is for the doorbell keypad only, and refuses malformed codes without charging them', async () => {
    const { ringOf, issue, get, verify, store } = setUp();
    const [issued] = await issue(await ringOf(HOME, known(alice)));
    expect((await get(TOKENS.VerifyAccessCode).execute({ householdId: HOME, role: 'resident', code: issued!.code })).kind).toBe(
      'forbidden',
    );
    for (const bad of ['12345', '1234567', 'abcdef', 123456, undefined, ' 123456']) expect((await verify(HOME, bad)).kind).toBe('invalid');
    expect(store.snapshot()[0]!.failedAttempts).toBe(0);
  });

  it('never writes a code to the console, issuing or verifying', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    const { ringOf, issue, verify } = setUp();
    const [issued] = await issue(await ringOf(HOME, known(alice)));
    await verify(HOME, '000000');
    const result = await verify(HOME, issued!.code);
    expect(JSON.stringify(result)).not.toContain(issued!.code);
    for (const spy of spies) expect(JSON.stringify(spy.mock.calls)).not.toContain(issued!.code);
  });

  it("never opens household B with household A's code", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
        fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
        fc.boolean(),
        async (codeA, codeB, sameCode) => {
          const scripted = [codeA, sameCode ? codeA : codeB];
          const { ringOf, issue, verify } = setUp(() => scripted.shift()!);
          const [issuedA] = await issue(await ringOf(HOME, known(alice)));
          const [issuedB] = await issue(await ringOf(OTHER_HOME, known(carol)));
          const inB = await verify(OTHER_HOME, issuedA!.code);
          // Only B's own code (when it happens to be the same digits) can open B, and then it names B's visitor.
          if (issuedA!.code === issuedB!.code) expect(inB).toMatchObject({ kind: 'valid', visitorName: 'Carol' });
          else expect(inB.kind).toBe('invalid');
          expect(await verify(HOME, issuedA!.code)).toMatchObject({ kind: 'valid', visitorName: 'Alice' });
        },
      ),
      { numRuns: 25 },
    );
  });
});
