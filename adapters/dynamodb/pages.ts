import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export type Item = Record<string, unknown>;

/**
 * Every item a Query matches, following LastEvaluatedKey page after page: a page ends at `Limit` items or 1 MB,
 * and with a FilterExpression it may even be empty while more items follow, so no caller may stop at the first
 * page. Lazy: a consumer that stops early (`break`) sends no further requests.
 */
export async function* queryItems(client: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Item, void, undefined> {
  let startKey = input.ExclusiveStartKey;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
}

/** All items of a Query, every page. */
export async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  for await (const item of queryItems(client, input)) items.push(item);
  return items;
}
