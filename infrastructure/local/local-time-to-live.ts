import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../../adapters/dynamodb/table-definitions';
import type { HandlerLogger } from '../../adapters/lambda/telemetry';
import type { Clock } from '../../domain/ports/clock';
import { hours, type Duration } from '../../domain/time';

/** How often the local doorbell deletes expired items (DynamoDB's TTL, too, deletes some time after the expiry). */
export const TIME_TO_LIVE_SWEEP_INTERVAL: Duration = hours(1);

export interface LocalTable {
  readonly name: string;
  readonly definition: TableDefinition;
}

export interface LocalTimeToLive {
  /** Deletes the expired items now (also done at start and every interval); resolves when the pass is over. */
  sweep(): Promise<void>;
  /** Stops the timer, waits for a pass under way, and closes the client. */
  stop(): Promise<void>;
}

/**
 * The local stand-in for DynamoDB's TTL, which dynalite lacks: in every table with a `ttlAttribute`, deletes the
 * items whose TTL (epoch seconds) has passed, at start and then every `interval`, on a timer that never keeps the
 * process alive. Each delete is conditional on the TTL still being past, so an item written again meanwhile stays.
 * A table or item that fails is logged and tried again next pass; nothing here throws. Takes over `client`.
 */
export function startLocalTimeToLive(options: {
  readonly client: DynamoDBClient;
  readonly tables: readonly LocalTable[];
  readonly clock: Clock;
  readonly logger: HandlerLogger;
  readonly interval?: Duration;
  /** Items a Scan page reads at most; default DynamoDB's (1 MB a page). */
  readonly pageSize?: number;
}): LocalTimeToLive {
  const { client, clock, logger } = options;
  const tables = options.tables.flatMap(({ name, definition }) =>
    definition.ttlAttribute === undefined ? [] : [{ name, definition, ttlAttribute: definition.ttlAttribute }],
  );
  let running: Promise<void> | undefined;
  let stopped = false;
  const pass = async () => {
    const nowSeconds = Math.floor(clock.now() / 1_000);
    for (const table of tables) {
      if (stopped) return;
      try {
        const deleted = await deleteExpired(client, table, { nowSeconds, pageSize: options.pageSize, stopped: () => stopped }, logger);
        if (deleted > 0) logger.info('expired items deleted', { table: table.name, count: deleted });
      } catch (error) {
        logger.error('expired items could not be listed; trying again later', { table: table.name, error: String(error) });
      }
    }
  };
  // One pass at a time: a slow pass is not overlapped by the next tick.
  const sweep = () => (running ??= pass().finally(() => (running = undefined)));
  void sweep();
  const timer = setInterval(() => void sweep(), options.interval ?? TIME_TO_LIVE_SWEEP_INTERVAL);
  timer.unref();
  return {
    sweep,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      client.destroy();
    },
  };
}

/** Scans one table page by page for expired items and deletes each by its key; returns how many went. */
async function deleteExpired(
  client: DynamoDBClient,
  table: LocalTable & { readonly ttlAttribute: string },
  options: { readonly nowSeconds: number; readonly pageSize: number | undefined; readonly stopped: () => boolean },
  logger: HandlerLogger,
): Promise<number> {
  const { partitionKey, sortKey } = table.definition;
  const keyNames = sortKey === undefined ? [partitionKey.name] : [partitionKey.name, sortKey.name];
  // As DynamoDB's TTL: only a Number before now expires (a comparison with another type is false).
  const expired = {
    ConditionExpression: '#ttl < :now',
    ExpressionAttributeNames: { '#ttl': table.ttlAttribute },
    ExpressionAttributeValues: { ':now': { N: String(options.nowSeconds) } },
  };
  let deleted = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table.name,
        FilterExpression: expired.ConditionExpression,
        ProjectionExpression: keyNames.map((_, index) => `#k${index}`).join(', '),
        ExpressionAttributeNames: {
          ...expired.ExpressionAttributeNames,
          ...Object.fromEntries(keyNames.map((name, index) => [`#k${index}`, name])),
        },
        ExpressionAttributeValues: expired.ExpressionAttributeValues,
        ExclusiveStartKey: start,
        Limit: options.pageSize,
      }),
    );
    for (const key of page.Items ?? []) {
      try {
        await client.send(new DeleteItemCommand({ TableName: table.name, Key: key, ...expired }));
        deleted += 1;
      } catch (error) {
        // Written again with a later TTL, or already gone: either way nothing expired is left under this key.
        if (error instanceof ConditionalCheckFailedException) continue;
        logger.warn('expired item could not be deleted; trying again later', { table: table.name, error: String(error) });
      }
    }
    start = page.LastEvaluatedKey;
    // A stop ends the pass at the next page; what is left is deleted after the next start.
  } while (start !== undefined && !options.stopped());
  return deleted;
}
