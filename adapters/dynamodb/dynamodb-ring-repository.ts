import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HouseholdId, RingId } from '../../domain/ids';
import type { CreateRingResult, RingPage, RingRepository } from '../../domain/ports/ring-repository';
import { cursorOf, isRetained, type Ring, type RingCursor } from '../../domain/ring';
import type { Instant } from '../../domain/time';
import { writtenUnlessConditionFails } from './conditional-write';
import { DynamoDbTable } from './dynamodb-table';
import { queryItems } from './pages';
import { ringFromItem, ringToItem, timeKey } from './ring-item';
import { RINGS_BY_TIME_INDEX } from './table-definitions';

/**
 * Rings keyed by household and ring id; history reads the `byTime` local index newest first. Rings past retention
 * are filtered on read (TTL deletes them lazily). The announcement claim is a `claimant` attribute on the ring.
 */
export class DynamoDbRingRepository extends DynamoDbTable implements RingRepository {
  /**
   * Creates the ring unless it exists (see RingRepository.create); an existing ring is returned as stored.
   * @throws Error when the ring that failed the condition is gone when read back (retry); SDK errors as they come.
   */
  async create(ring: Ring): Promise<CreateRingResult> {
    const item = ringToItem(ring);
    const created = await writtenUnlessConditionFails(
      this.putItem(item, { ConditionExpression: 'attribute_not_exists(#ringId)', ExpressionAttributeNames: { '#ringId': 'ringId' } }),
    );
    if (created) return { kind: 'created', ring: ringFromItem(item, this.tableName) };
    const stored = await this.read(ring.householdId, ring.id);
    // Only if TTL deleted an expired ring with this id between the two calls: a photo reprocessed 30 days late.
    if (stored === undefined) throw new Error(`Ring ${ring.id} of ${ring.householdId} existed, then vanished; retry`);
    return { kind: 'exists', ring: stored };
  }

  async get(householdId: HouseholdId, id: RingId, now: Instant): Promise<Ring | undefined> {
    const ring = await this.read(householdId, id);
    return ring && isRetained(ring, now) ? ring : undefined;
  }

  async history(
    householdId: HouseholdId,
    query: { readonly now: Instant; readonly limit: number; readonly after?: RingCursor },
  ): Promise<RingPage> {
    const limit = Math.floor(query.limit);
    if (!(limit > 0)) return { rings: [] };
    const { after } = query;
    const items = queryItems(this.client, {
      ...this.householdPartition(householdId),
      IndexName: RINGS_BY_TIME_INDEX,
      // Limit counts items read before this filter: a page may hold fewer retained rings, even none.
      FilterExpression: '#expiresAt > :now',
      ExpressionAttributeNames: { '#householdId': 'householdId', '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: { ':householdId': householdId, ':now': query.now },
      ScanIndexForward: false,
      // Without a page size, read about what is asked for rather than 1 MB of history.
      Limit: this.pageSize ?? limit + 1,
      ExclusiveStartKey: after && { householdId, ringId: after.ringId, timeKey: timeKey(after.at, after.ringId) },
    });
    // Peek one ring past the limit: a cursor is returned only when an older retained ring exists.
    const rings: Ring[] = [];
    for await (const item of items) {
      rings.push(ringFromItem(item, this.tableName));
      if (rings.length > limit) break;
    }
    const page = rings.slice(0, limit);
    const last = page.at(-1);
    return rings.length > limit && last ? { rings: page, next: cursorOf(last) } : { rings: page };
  }

  async claimAnnouncement(householdId: HouseholdId, id: RingId, claimant: string): Promise<boolean> {
    // Same claimant passes the condition again, so a retried workflow run (or a retried request) still gets true.
    return writtenUnlessConditionFails(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { householdId, ringId: id },
          UpdateExpression: 'SET #claimant = :claimant',
          ConditionExpression: 'attribute_exists(#ringId) AND (attribute_not_exists(#claimant) OR #claimant = :claimant)',
          ExpressionAttributeNames: { '#ringId': 'ringId', '#claimant': 'claimant' },
          ExpressionAttributeValues: { ':claimant': claimant },
        }),
      ),
    );
  }

  /** The stored ring, retained or not; strongly consistent so a create that lost the race sees the winner. */
  private async read(householdId: HouseholdId, id: RingId): Promise<Ring | undefined> {
    const item = await this.getItem({ householdId, ringId: id });
    return item && ringFromItem(item, this.tableName);
  }
}
