import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { DynamoDbTableOptions } from '../../adapters/dynamodb/dynamodb-table-options';
import { createTableInput, type TableDefinition } from '../../adapters/dynamodb/table-definitions';

/** dynalite ships no type declarations; this is the part of its API the tests use. */
type Dynalite = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;

export interface LocalDynamoDb {
  readonly endpoint: string;
  /** The SDK's document client, configured as production should be (see DynamoDbTableOptions). */
  readonly documentClient: DynamoDBDocumentClient;
  /** Creates a table of the definition under a fresh name and waits until it is ACTIVE; returns the name. */
  createTable(definition: TableDefinition): Promise<string>;
  /** A fresh table of the definition and the options an adapter of it takes (`pageSize` to force many pages). */
  tableFor(definition: TableDefinition, pageSize?: number): Promise<{ tableName: string; options: DynamoDbTableOptions }>;
  /** The stored item under `key`, read around the adapters. */
  rawItem(tableName: string, key: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  /** Writes an item around the adapters, as an older version or another tool might have. */
  putRaw(tableName: string, item: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real DynamoDB API (dynalite, in memory) on a random loopback port, spoken to by the real SDK over HTTP.
 * One per test file; each test makes its own tables, so tests share no state.
 */
export async function startDynalite(): Promise<LocalDynamoDb> {
  // The SDK warns once per process that Node 20 support ends; that is known, not news for every test run.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  let tables = 0;
  const createTable = async (definition: TableDefinition): Promise<string> => {
    const tableName = `doorbell-test-${++tables}-${Math.random().toString(36).slice(2, 8)}`;
    await client.send(new CreateTableCommand(createTableInput(definition, tableName)));
    await untilActive(client, tableName);
    return tableName;
  };

  return {
    endpoint,
    documentClient,
    createTable,
    async tableFor(definition, pageSize) {
      const tableName = await createTable(definition);
      return { tableName, options: { client: documentClient, tableName, pageSize } };
    },
    async rawItem(tableName, key) {
      return (await documentClient.send(new GetCommand({ TableName: tableName, Key: key }))).Item;
    },
    async putRaw(tableName, item) {
      await documentClient.send(new PutCommand({ TableName: tableName, Item: item }));
    },
    async close() {
      documentClient.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** dynalite flips a new table to ACTIVE on a timer (0 ms here); requests before that get ResourceNotFound. */
async function untilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
}
