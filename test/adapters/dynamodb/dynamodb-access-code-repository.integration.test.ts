import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScryptCodeHasher } from '../../../adapters/crypto/scrypt-code-hasher';
import { CorruptItemError } from '../../../adapters/dynamodb/corrupt-item-error';
import { DynamoDbAccessCodeRepository } from '../../../adapters/dynamodb/dynamodb-access-code-repository';
import { DynamoDbRingRepository } from '../../../adapters/dynamodb/dynamodb-ring-repository';
import { ACCESS_CODES_TABLE, RINGS_TABLE } from '../../../adapters/dynamodb/table-definitions';
import { ManualClock } from '../../../adapters/in-memory/manual-clock';
import { SequentialIdGenerator } from '../../../adapters/in-memory/sequential-id-generator';
import { HouseholdBroadcast } from '../../../application/household-broadcast';
import { InMemoryConnectionRepository } from '../../../adapters/in-memory/in-memory-connection-repository';
import { InMemoryDeviceNotifier } from '../../../adapters/in-memory/in-memory-device-notifier';
import { IssueAccessCode } from '../../../application/issue-access-code';
import { VerifyAccessCode } from '../../../application/verify-access-code';
import type { AccessCode } from '../../../domain/access-code';
import type { VisitorId } from '../../../domain/ids';
import { days } from '../../../domain/time';
import { anAccessCode } from '../../contracts/access-code-repository.contract';
import { aHouseholdId, aRing, T0 } from '../../support/builders';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';

let dynamo: LocalDynamoDb;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo?.close();
});

const keyOf = (code: AccessCode) => ({ householdId: code.householdId, ringAndVisitor: `${code.ringId}#${code.visitorId}` });

describe('DynamoDbAccessCodeRepository stores salted hashes only', () => {
  it('keeps exactly the listed attributes, keyed by ring and visitor, with a TTL a day after expiry', async () => {
    const { tableName, options } = await dynamo.tableFor(ACCESS_CODES_TABLE);
    const code = anAccessCode({ expiresAt: T0 + 1_500 });
    await new DynamoDbAccessCodeRepository(options).issue(code);
    const item = await dynamo.rawItem(tableName, keyOf(code));
    expect(Object.keys(item ?? {}).sort()).toEqual(
      [
        'householdId',
        'ringAndVisitor',
        'accessCodeId',
        'ringId',
        'visitorId',
        'visitorName',
        'salt',
        'codeHash',
        'issuedAt',
        'expiresAt',
        'failedAttempts',
        'ttl',
      ].sort(),
    );
    expect(item).toMatchObject({ accessCodeId: code.id, salt: code.salt, codeHash: code.codeHash });
    expect(item?.['ttl']).toBe((T0 + 2_000 + days(1)) / 1_000);
  });

  it('never writes the plain code of an issued code anywhere in the table, and still verifies it', async () => {
    const rings = new DynamoDbRingRepository((await dynamo.tableFor(RINGS_TABLE)).options);
    const { tableName, options } = await dynamo.tableFor(ACCESS_CODES_TABLE);
    const codes = new DynamoDbAccessCodeRepository(options);
    const hasher = new ScryptCodeHasher({ cost: 1024 });
    const clock = new ManualClock(T0);
    const plainCode = '042917';
    const alice = { visitorId: 'visitor-alice' as VisitorId, name: 'Alice', trusted: true, similarity: 99 };
    const ring = aRing({ at: T0, identification: { kind: 'known', visitors: [alice], unknownFaces: 0 } });
    await rings.create(ring);

    const nobodyHome = new HouseholdBroadcast(new InMemoryConnectionRepository(), new InMemoryDeviceNotifier(), clock, {
      pushConcurrency: 1,
    });
    const issuing = new IssueAccessCode(
      rings,
      codes,
      { next: () => plainCode },
      hasher,
      new SequentialIdGenerator('code'),
      clock,
      nobodyHome,
    );
    const issued = await issuing.execute({ householdId: ring.householdId, ringId: ring.id });
    expect(issued).toMatchObject({ kind: 'issued', codes: [{ code: plainCode }] });

    const item = await dynamo.rawItem(tableName, { householdId: ring.householdId, ringAndVisitor: `${ring.id}#${alice.visitorId}` });
    expect(item).toBeDefined();
    for (const [name, value] of Object.entries(item ?? {})) expect(`${name}=${String(value)}`).not.toContain(plainCode);
    const verifying = new VerifyAccessCode(codes, hasher, clock);
    expect(await verifying.execute({ householdId: ring.householdId, role: 'doorbell', code: plainCode })).toMatchObject({ kind: 'valid' });
  });
});

describe('DynamoDbAccessCodeRepository refuses corrupt items', () => {
  it('names the table, the key and the attribute when a code lacks its hash', async () => {
    const { tableName, options } = await dynamo.tableFor(ACCESS_CODES_TABLE);
    const repository = new DynamoDbAccessCodeRepository(options);
    const code = anAccessCode();
    await repository.issue(code);
    const { codeHash: _missing, ...withoutHash } = (await dynamo.rawItem(tableName, keyOf(code))) ?? {};
    await dynamo.putRaw(tableName, withoutHash);
    const reading = repository.get(code.householdId, code.id);
    await expect(reading).rejects.toBeInstanceOf(CorruptItemError);
    await expect(reading).rejects.toMatchObject({
      tableName,
      key: keyOf(code),
      message: expect.stringContaining('attribute codeHash is missing'),
    });
  });

  it('rejects a listed code whose attempts are not a number', async () => {
    const { tableName, options } = await dynamo.tableFor(ACCESS_CODES_TABLE);
    const repository = new DynamoDbAccessCodeRepository(options);
    const code = anAccessCode();
    await repository.issue(code);
    await dynamo.putRaw(tableName, { ...(await dynamo.rawItem(tableName, keyOf(code))), failedAttempts: '0' });
    await expect(repository.activeByHousehold(code.householdId, T0)).rejects.toThrow(/attribute failedAttempts is not a number/);
  });
});

describe('DynamoDbAccessCodeRepository reads every page', () => {
  it('lists the active codes and finds each code of a household spread over many filtered pages', async () => {
    const { options } = await dynamo.tableFor(ACCESS_CODES_TABLE, 2);
    const repository = new DynamoDbAccessCodeRepository(options);
    const householdId = aHouseholdId();
    const now = T0 + 10;
    const active = Array.from({ length: 4 }, () => anAccessCode({ householdId }));
    const inactive = [
      ...Array.from({ length: 6 }, (_, n) => anAccessCode({ householdId, usedAt: T0 + n })),
      ...Array.from({ length: 6 }, () => anAccessCode({ householdId, expiresAt: now })),
    ];
    await Promise.all([...active, ...inactive].map((code) => repository.issue(code)));
    const listed = await repository.activeByHousehold(householdId, now);
    expect(listed.map((code) => code.id).sort()).toEqual(active.map((code) => code.id).sort());
    for (const code of [...active, ...inactive]) expect(await repository.get(householdId, code.id)).toEqual(code);
  });
});

describe('DynamoDbAccessCodeRepository lets failures other than a false condition propagate', () => {
  it('rejects conditional writes and reads on a table that does not exist', async () => {
    const repository = new DynamoDbAccessCodeRepository({ client: dynamo.documentClient, tableName: 'no-such-table' });
    const code = anAccessCode();
    const notFound = { name: 'ResourceNotFoundException' };
    await expect(repository.issue(code)).rejects.toMatchObject(notFound);
    await expect(repository.update(code, { ...code, usedAt: T0 })).rejects.toMatchObject(notFound);
    await expect(repository.get(code.householdId, code.id)).rejects.toMatchObject(notFound);
    await expect(repository.activeByHousehold(code.householdId, T0)).rejects.toMatchObject(notFound);
  });
});
