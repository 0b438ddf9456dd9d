import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What every DynamoDB adapter is built from. */
export interface DynamoDbTableOptions {
  /**
   * A document client, ideally created with `marshallOptions: { removeUndefinedValues: true }`: the adapters never
   * write `undefined` themselves, but a stray one in nested data would otherwise fail the write.
   */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Items per Query page (`Limit`); default DynamoDB's own 1 MB pages. Tests set it small to force many pages. */
  readonly pageSize?: number | undefined;
}
