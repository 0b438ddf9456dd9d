import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  type DynamoDBDocumentClient,
  type PutCommandInput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { HouseholdId } from '../../domain/ids';
import type { DynamoDbTableOptions } from './dynamodb-table-options';
import type { Item } from './pages';

/** A key of the table: its key attributes and their values. */
export type Key = Record<string, unknown>;

/** A condition on a put, as PutCommand takes it. */
export type PutCondition = Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;

/** What every DynamoDB repository is built on: one table, and the plain requests they all make of it. */
export abstract class DynamoDbTable {
  protected readonly client: DynamoDBDocumentClient;
  protected readonly tableName: string;
  protected readonly pageSize: number | undefined;

  constructor({ client, tableName, pageSize }: DynamoDbTableOptions) {
    this.client = client;
    this.tableName = tableName;
    this.pageSize = pageSize;
  }

  /** The item under `key`, read strongly consistent; undefined when there is none. */
  protected async getItem(key: Key): Promise<Item | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return Item;
  }

  /** Writes `item` whole, replacing any item with its key; with a condition, only if the condition holds. */
  protected async putItem(item: Item, condition?: PutCondition): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ...condition }));
  }

  protected async deleteItem(key: Key): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }

  /**
   * A Query for the items of one household, the partition key of the table (and of its local indexes): strongly
   * consistent, `pageSize` items a page. Callers spread it and add or override what they need.
   */
  protected householdPartition(householdId: HouseholdId) {
    return {
      TableName: this.tableName,
      KeyConditionExpression: '#householdId = :householdId',
      ExpressionAttributeNames: { '#householdId': 'householdId' },
      ExpressionAttributeValues: { ':householdId': householdId },
      ConsistentRead: true,
      Limit: this.pageSize,
    } satisfies QueryCommandInput;
  }
}
