import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { faceId, householdId, visitorId, type HouseholdId, type VisitorId } from '../../domain/ids';
import type { VisitorRepository } from '../../domain/ports/visitor-repository';
import { nameKey, type Visitor } from '../../domain/visitor';
import type { DynamoDbTableOptions } from './dynamodb-table-options';
import { ItemFields } from './item-fields';
import { queryAll, queryItems, type Item } from './pages';
import { VISITORS_TABLE } from './table-definitions';

/**
 * Visitors keyed by household and visitor id. Each item carries `nameKey` (the case- and spacing-folded name), so
 * finding by name is an exact match on it; a household has few visitors, so a filtered Query beats an index.
 */
export class DynamoDbVisitorRepository implements VisitorRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly pageSize: number | undefined;

  constructor({ client, tableName, pageSize }: DynamoDbTableOptions) {
    this.client = client;
    this.tableName = tableName;
    this.pageSize = pageSize;
  }

  async save(visitor: Visitor): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: visitorToItem(visitor) }));
  }

  async get(household: HouseholdId, id: VisitorId): Promise<Visitor | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { householdId: household, visitorId: id }, ConsistentRead: true }),
    );
    return Item && this.visitorFrom(Item);
  }

  async findByName(household: HouseholdId, name: string): Promise<Visitor | undefined> {
    const matches = queryItems(this.client, {
      ...this.householdQuery(household),
      FilterExpression: '#nameKey = :nameKey',
      ExpressionAttributeNames: { '#householdId': 'householdId', '#nameKey': 'nameKey' },
      ExpressionAttributeValues: { ':householdId': household, ':nameKey': nameKey(name) },
    });
    for await (const item of matches) return this.visitorFrom(item);
    return undefined;
  }

  async listByHousehold(household: HouseholdId): Promise<readonly Visitor[]> {
    const items = await queryAll(this.client, this.householdQuery(household));
    return items.map((item) => this.visitorFrom(item));
  }

  async remove(household: HouseholdId, id: VisitorId): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { householdId: household, visitorId: id } }));
  }

  private householdQuery(household: HouseholdId) {
    return {
      TableName: this.tableName,
      KeyConditionExpression: '#householdId = :householdId',
      ExpressionAttributeNames: { '#householdId': 'householdId' },
      ExpressionAttributeValues: { ':householdId': household },
      ConsistentRead: true,
      Limit: this.pageSize,
    };
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
