import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptItemError } from '../../../adapters/dynamodb/corrupt-item-error';
import { DynamoDbAnswerRepository } from '../../../adapters/dynamodb/dynamodb-answer-repository';
import { ANSWERS_TABLE } from '../../../adapters/dynamodb/table-definitions';
import type { RingResponse } from '../../../domain/answer';
import { aDeviceId, aHouseholdId, aRingId, T0 } from '../../support/builders';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';

let dynamo: LocalDynamoDb;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo?.close();
});

const RETAINED_UNTIL = T0 + 1_500;

function anAnswer(): Extract<RingResponse, { kind: 'answered' }> {
  return {
    kind: 'answered',
    answer: { householdId: aHouseholdId(), ringId: aRingId(), byDeviceId: aDeviceId(), byName: 'Phone', reply: 'coming', at: T0 },
  };
}

async function recordedAnswer() {
  const { tableName, options } = await dynamo.tableFor(ANSWERS_TABLE);
  const repository = new DynamoDbAnswerRepository(options);
  const response = anAnswer();
  const { householdId, ringId } = response.answer;
  await repository.record(response, RETAINED_UNTIL);
  return { tableName, repository, response, key: { householdId, ringId } };
}

describe('DynamoDbAnswerRepository keeps one item per ring', () => {
  it('holds the response as a map beside the task token, with the TTL of the ring’s retention', async () => {
    const { tableName, repository, response, key } = await recordedAnswer();
    await repository.keepWaitingTask({ ...key, taskToken: 'token-1' }, RETAINED_UNTIL);
    expect(await dynamo.rawItem(tableName, key)).toEqual({
      ...key,
      response: { kind: 'answered', byDeviceId: response.answer.byDeviceId, byName: 'Phone', reply: 'coming', at: T0 },
      taskToken: 'token-1',
      expiresAt: RETAINED_UNTIL,
      ttl: Math.ceil(RETAINED_UNTIL / 1_000),
    });
  });

  it('has no response while the item holds only a task token, and ignores attributes it does not know', async () => {
    const { tableName, options } = await dynamo.tableFor(ANSWERS_TABLE);
    const repository = new DynamoDbAnswerRepository(options);
    const key = { householdId: aHouseholdId(), ringId: aRingId() };
    await repository.keepWaitingTask({ ...key, taskToken: 'token-1' }, RETAINED_UNTIL);
    await dynamo.putRaw(tableName, { ...(await dynamo.rawItem(tableName, key)), addedByALaterVersion: 'x' });
    expect(await repository.get(key.householdId, key.ringId, T0)).toBeUndefined();
    expect(await repository.waitingTask(key.householdId, key.ringId, T0)).toBe('token-1');
  });
});

describe('DynamoDbAnswerRepository refuses corrupt items', () => {
  it('names the table, the key and the attribute when an answer lacks its reply', async () => {
    const { tableName, repository, key } = await recordedAnswer();
    const stored = await dynamo.rawItem(tableName, key);
    const { reply: _missing, ...withoutReply } = stored!['response'] as Record<string, unknown>;
    await dynamo.putRaw(tableName, { ...stored, response: withoutReply });
    const reading = repository.get(key.householdId, key.ringId, T0);
    await expect(reading).rejects.toBeInstanceOf(CorruptItemError);
    await expect(reading).rejects.toMatchObject({
      tableName,
      key,
      message: expect.stringContaining('attribute response.reply is missing'),
    });
  });

  it('rejects a response of an unknown kind, also when a later response reads it back', async () => {
    const { tableName, repository, response, key } = await recordedAnswer();
    await dynamo.putRaw(tableName, { ...(await dynamo.rawItem(tableName, key)), response: { kind: 'maybe', at: T0 } });
    await expect(repository.get(key.householdId, key.ringId, T0)).rejects.toThrow(
      /attribute response\.kind is not one of answered, unanswered/,
    );
    await expect(repository.record(response, RETAINED_UNTIL)).rejects.toThrow(CorruptItemError);
  });

  it('rejects an item without its retention rather than keeping it forever', async () => {
    const { tableName, repository, key } = await recordedAnswer();
    const { expiresAt: _missing, ...withoutExpiry } = (await dynamo.rawItem(tableName, key)) ?? {};
    await dynamo.putRaw(tableName, withoutExpiry);
    await expect(repository.waitingTask(key.householdId, key.ringId, T0)).rejects.toThrow(/attribute expiresAt is missing/);
  });
});

describe('DynamoDbAnswerRepository lets failures other than a false condition propagate', () => {
  it('rejects the conditional record and the reads on a table that does not exist', async () => {
    const repository = new DynamoDbAnswerRepository({ client: dynamo.documentClient, tableName: 'no-such-table' });
    const response = anAnswer();
    const { householdId, ringId } = response.answer;
    const notFound = { name: 'ResourceNotFoundException' };
    await expect(repository.record(response, RETAINED_UNTIL)).rejects.toMatchObject(notFound);
    await expect(repository.keepWaitingTask({ householdId, ringId, taskToken: 't' }, RETAINED_UNTIL)).rejects.toMatchObject(notFound);
    await expect(repository.get(householdId, ringId, T0)).rejects.toMatchObject(notFound);
  });
});
