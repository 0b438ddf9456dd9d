import { faceId, householdId, visitorId, type HouseholdId, type VisitorId } from '../../domain/ids';
import type { VisitorRepository } from '../../domain/ports/visitor-repository';
import { nameKey, type Visitor } from '../../domain/visitor';
import { DynamoDbTable } from './dynamodb-table';
import { ItemFields } from './item-fields';
import { queryAll, queryItems, type Item } from './pages';
import { VISITORS_TABLE } from './table-definitions';

/**
 * Visitors keyed by household and visitor id. Each item carries `nameKey` (the case- and spacing-folded name), so
 * finding by name is an exact match on it; a household has few visitors, so a filtered Query beats an index.
 */
export class DynamoDbVisitorRepository extends DynamoDbTable implements VisitorRepository {
  async save(visitor: Visitor): Promise<void> {
    await this.putItem(visitorToItem(visitor));
  }

  async get(household: HouseholdId, id: VisitorId): Promise<Visitor | undefined> {
    const item = await this.getItem({ householdId: household, visitorId: id });
    return item && this.visitorFrom(item);
  }

  async findByName(household: HouseholdId, name: string): Promise<Visitor | undefined> {
    const matches = queryItems(this.client, {
      ...this.householdPartition(household),
      FilterExpression: '#nameKey = :nameKey',
      ExpressionAttributeNames: { '#householdId': 'householdId', '#nameKey': 'nameKey' },
      ExpressionAttributeValues: { ':householdId': household, ':nameKey': nameKey(name) },
    });
    for await (const item of matches) return this.visitorFrom(item);
    return undefined;
  }

  async listByHousehold(household: HouseholdId): Promise<readonly Visitor[]> {
    const items = await queryAll(this.client, this.householdPartition(household));
    return items.map((item) => this.visitorFrom(item));
  }

  async remove(household: HouseholdId, id: VisitorId): Promise<void> {
    await this.deleteItem({ householdId: household, visitorId: id });
  }

  private visitorFrom(item: Item): Visitor {
    const fields = ItemFields.of(item, VISITORS_TABLE, this.tableName);
    return {
      id: fields.id('visitorId', visitorId),
      householdId: fields.id('householdId', householdId),
      name: fields.string('name'),
      trusted: fields.boolean('trusted'),
      faceIds: fields.ids('faceIds', faceId),
      enrolledAt: fields.number('enrolledAt'),
    };
  }
}

function visitorToItem(visitor: Visitor): Item {
  return {
    householdId: visitor.householdId,
    visitorId: visitor.id,
    name: visitor.name,
    nameKey: nameKey(visitor.name),
    trusted: visitor.trusted,
    // A list, not a string set: DynamoDB has no empty sets, and a visitor may have no faces yet.
    faceIds: [...visitor.faceIds],
    enrolledAt: visitor.enrolledAt,
  };
}
