import type { AccessCode, AccessCodeId } from '../../domain/access-code';
import { householdId, InvalidIdError, isValidId, ringId, visitorId, type HouseholdId, type RingId, type VisitorId } from '../../domain/ids';
import type { AccessCodeRepository } from '../../domain/ports/access-code-repository';
import { days, type Instant } from '../../domain/time';
import { writtenUnlessConditionFails } from './conditional-write';
import { DynamoDbTable, type PutCondition } from './dynamodb-table';
import { ItemFields } from './item-fields';
import { queryAll, queryItems, type Item } from './pages';
import { ACCESS_CODES_TABLE } from './table-definitions';
import { ttlSeconds } from './time-to-live';

/**
 * How long a code's item outlives its expiry. The item is the guard that gives a ring's visitor one code only: kept
 * a day, a workflow run retried after the code expired still finds it and issues no second code. A day of codes is
 * also all a household's partition then holds, which keeps `get`'s filtered Query small.
 */
const CODE_TIME_TO_LIVE = /* @__PURE__ */ days(1);

/**
 * Access codes keyed by household and `ringAndVisitor` (`${ringId}#${visitorId}`), so the one-code-per-ring-and-
 * visitor rule is the key itself and `issue` a conditional put. Salted hashes only: the plain code is not in the
 * domain type, so it can't reach an item. `get` by code id is a Query of the household filtered on the id rather
 * than an index: the partition holds about a day of codes (see CODE_TIME_TO_LIVE), `get` is off the keypad's path,
 * and an index would add a write to every compare-and-set a keypad makes.
 */
export class DynamoDbAccessCodeRepository extends DynamoDbTable implements AccessCodeRepository {
  async issue(code: AccessCode): Promise<boolean> {
    // Code ids are minted unique, so the key (ring and visitor) is the only clash to guard against.
    return writtenUnlessConditionFails(
      this.putItem(accessCodeToItem(code), {
        ConditionExpression: 'attribute_not_exists(#ringAndVisitor)',
        ExpressionAttributeNames: { '#ringAndVisitor': 'ringAndVisitor' },
      }),
    );
  }

  async get(household: HouseholdId, id: AccessCodeId): Promise<AccessCode | undefined> {
    const matches = queryItems(this.client, {
      ...this.householdPartition(household),
      FilterExpression: '#accessCodeId = :accessCodeId',
      ExpressionAttributeNames: { '#householdId': 'householdId', '#accessCodeId': 'accessCodeId' },
      ExpressionAttributeValues: { ':householdId': household, ':accessCodeId': id },
    });
    for await (const item of matches) return this.accessCodeFrom(item);
    return undefined;
  }

  async activeByHousehold(household: HouseholdId, now: Instant): Promise<readonly AccessCode[]> {
    // Filtered on `expiresAt`, not left to TTL, which deletes lazily (and never on dynalite).
    const items = await queryAll(this.client, {
      ...this.householdPartition(household),
      FilterExpression: 'attribute_not_exists(#usedAt) AND #expiresAt > :now',
      ExpressionAttributeNames: { '#householdId': 'householdId', '#usedAt': 'usedAt', '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: { ':householdId': household, ':now': now },
    });
    return items.map((item) => this.accessCodeFrom(item));
  }

  async update(previous: AccessCode, next: AccessCode): Promise<boolean> {
    if (next.householdId !== previous.householdId || next.id !== previous.id) return false;
    // The condition's id check also refuses a `next` moved to another ring or visitor: that key holds another code, or none.
    return writtenUnlessConditionFails(this.putItem(accessCodeToItem(next), unchangedSince(previous)));
  }

  private accessCodeFrom(item: Item): AccessCode {
    const fields = ItemFields.of(item, ACCESS_CODES_TABLE, this.tableName);
    const usedAt = fields.optionalNumber('usedAt');
    return {
      id: fields.id('accessCodeId', accessCodeId),
      householdId: fields.id('householdId', householdId),
      ringId: fields.id('ringId', ringId),
      visitorId: fields.id('visitorId', visitorId),
      visitorName: fields.string('visitorName'),
      salt: fields.string('salt'),
      codeHash: fields.string('codeHash'),
      issuedAt: fields.number('issuedAt'),
      expiresAt: fields.number('expiresAt'),
      failedAttempts: fields.number('failedAttempts'),
      ...(usedAt !== undefined && { usedAt }),
    };
  }
}

/** The compare of compare-and-set: the stored item is `previous` still, as far as attempts can change it. */
function unchangedSince(previous: AccessCode): PutCondition {
  const usedAtUnchanged = previous.usedAt === undefined ? 'attribute_not_exists(#usedAt)' : '#usedAt = :previousUsedAt';
  return {
    ConditionExpression: `#accessCodeId = :accessCodeId AND #failedAttempts = :previousFailedAttempts AND ${usedAtUnchanged}`,
    ExpressionAttributeNames: { '#accessCodeId': 'accessCodeId', '#failedAttempts': 'failedAttempts', '#usedAt': 'usedAt' },
    ExpressionAttributeValues: {
      ':accessCodeId': previous.id,
      ':previousFailedAttempts': previous.failedAttempts,
      ...(previous.usedAt !== undefined && { ':previousUsedAt': previous.usedAt }),
    },
  };
}

function ringAndVisitor(ring: RingId, visitor: VisitorId): string {
  return `${ring}#${visitor}`;
}

function accessCodeToItem(code: AccessCode): Item {
  return {
    householdId: code.householdId,
    ringAndVisitor: ringAndVisitor(code.ringId, code.visitorId),
    accessCodeId: code.id,
    ringId: code.ringId,
    visitorId: code.visitorId,
    visitorName: code.visitorName,
    salt: code.salt,
    codeHash: code.codeHash,
    issuedAt: code.issuedAt,
    expiresAt: code.expiresAt,
    failedAttempts: code.failedAttempts,
    ...(code.usedAt !== undefined && { usedAt: code.usedAt }),
    ttl: ttlSeconds(code.expiresAt + CODE_TIME_TO_LIVE),
  };
}

/** Code ids come from the IdGenerator, so they match the id alphabet like every other id. */
function accessCodeId(value: unknown): AccessCodeId {
  if (!isValidId(value)) throw new InvalidIdError('AccessCodeId', value);
  return value as AccessCodeId;
}
