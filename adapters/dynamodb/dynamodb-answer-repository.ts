import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RingResponse } from '../../domain/answer';
import { deviceId, householdId, ringId, type HouseholdId, type RingId } from '../../domain/ids';
import type { AnswerRepository, RecordResponseResult, WaitingTask } from '../../domain/ports/answer-repository';
import type { Instant } from '../../domain/time';
import { isConditionalCheckFailure } from './conditional-write';
import { DynamoDbTable } from './dynamodb-table';
import { ItemFields } from './item-fields';
import type { Item } from './pages';
import { ANSWERS_TABLE } from './table-definitions';
import { ttlSeconds } from './time-to-live';

const RESPONSE_KINDS = /* @__PURE__ */ Object.keys({ answered: true, unanswered: true } satisfies Record<
  RingResponse['kind'],
  true
>) as RingResponse['kind'][];

/**
 * One item per ring, keyed by household and ring id, holding two independent parts that either write may create:
 * the `response` map (first answer or unanswered; `record` sets it only where there is none) and the `taskToken`
 * of the workflow run waiting for it. Both writes carry the ring's retention as `expiresAt` (and `ttl`), so the
 * item lives as long as its ring; reads are strongly consistent and filter on `expiresAt` (TTL deletes lazily).
 */
export class DynamoDbAnswerRepository extends DynamoDbTable implements AnswerRepository {
  /**
   * Records the first response to the ring (see AnswerRepository.record); a later one gets the first back.
   * @throws Error when the response that failed the condition is gone when read back (retry); SDK errors as they come.
   */
  async record(response: RingResponse, expiresAt: Instant): Promise<RecordResponseResult> {
    const { householdId: household, ringId: ring } = response.kind === 'answered' ? response.answer : response;
    try {
      await this.setOnRing(household, ring, { name: 'response', value: responseToMap(response), onlyIfUnset: true }, expiresAt);
      return { kind: 'recorded' };
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
    }
    // The first response won: read it back (strongly consistent). ReturnValuesOnConditionCheckFailure would save
    // this read, but dynalite does not support it.
    const stored = await this.getItem({ householdId: household, ringId: ring });
    const first = stored && this.responseFrom(stored);
    // Responses are never removed, only deleted by TTL long after the ring's retention: a ring nobody can answer.
    if (first === undefined) throw new Error(`The response to ring ${ring} of ${household} existed, then vanished; retry`);
    return { kind: 'already-responded', response: first };
  }

  async get(household: HouseholdId, ring: RingId, now: Instant): Promise<RingResponse | undefined> {
    const item = await this.retainedItem(household, ring, now);
    return item && this.responseFrom(item);
  }

  async keepWaitingTask(wait: WaitingTask, expiresAt: Instant): Promise<void> {
    await this.setOnRing(wait.householdId, wait.ringId, { name: 'taskToken', value: wait.taskToken }, expiresAt);
  }

  async waitingTask(household: HouseholdId, ring: RingId, now: Instant): Promise<string | undefined> {
    const item = await this.retainedItem(household, ring, now);
    return item && ItemFields.of(item, ANSWERS_TABLE, this.tableName).optionalString('taskToken');
  }

  /**
   * Sets one part of the ring's item (creating the item if need be) and the ring's retention; with `onlyIfUnset`,
   * only where that part is not stored yet.
   */
  private async setOnRing(
    household: HouseholdId,
    ring: RingId,
    part: { readonly name: 'response' | 'taskToken'; readonly value: unknown; readonly onlyIfUnset?: boolean },
    expiresAt: Instant,
  ): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { householdId: household, ringId: ring },
        UpdateExpression: 'SET #part = :part, #expiresAt = :expiresAt, #ttl = :ttl',
        ...(part.onlyIfUnset && { ConditionExpression: 'attribute_not_exists(#part)' }),
        ExpressionAttributeNames: { '#part': part.name, '#expiresAt': 'expiresAt', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':part': part.value, ':expiresAt': expiresAt, ':ttl': ttlSeconds(expiresAt) },
      }),
    );
  }

  private async retainedItem(household: HouseholdId, ring: RingId, now: Instant): Promise<Item | undefined> {
    const item = await this.getItem({ householdId: household, ringId: ring });
    return item && now < ItemFields.of(item, ANSWERS_TABLE, this.tableName).number('expiresAt') ? item : undefined;
  }

  /** The domain response of an item, undefined while the item holds only a task token. */
  private responseFrom(item: Item): RingResponse | undefined {
    const fields = ItemFields.of(item, ANSWERS_TABLE, this.tableName);
    const response = fields.optionalMap('response');
    if (response === undefined) return undefined;
    const key = { householdId: fields.id('householdId', householdId), ringId: fields.id('ringId', ringId) };
    const kind = response.oneOf('kind', RESPONSE_KINDS);
    switch (kind) {
      case 'answered':
        return {
          kind,
          answer: {
            ...key,
            byDeviceId: response.id('byDeviceId', deviceId),
            byName: response.string('byName'),
            reply: response.string('reply'),
            at: response.number('at'),
          },
        };
      case 'unanswered':
        return { kind, ...key, at: response.number('at') };
    }
  }
}

/** The response as a map; household and ring are the item's key, so they are not repeated inside it. */
function responseToMap(response: RingResponse): Item {
  if (response.kind === 'unanswered') return { kind: response.kind, at: response.at };
  const { byDeviceId, byName, reply, at } = response.answer;
  return { kind: response.kind, byDeviceId, byName, reply, at };
}
