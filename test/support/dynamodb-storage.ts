import type { Container } from 'inversify';
import { DOORBELL_TABLES, type TableDefinition } from '../../adapters/dynamodb/table-definitions';
import { dynamoDbModule } from '../../infrastructure/di/aws/dynamodb.module';
import { DYNAMODB_TABLES, REPOSITORY_TOKENS, type Table } from '../../infrastructure/di/aws/dynamodb-tables';
import type { LocalDynamoDb } from './dynalite';

const DEFINITIONS: { readonly [K in Table]: TableDefinition } = DOORBELL_TABLES;
const TABLES = Object.keys(DEFINITIONS) as Table[];

/** Creates every doorbell table afresh; returns the variables naming them, as a Lambda is given them. */
export async function createDoorbellTables(dynamo: LocalDynamoDb): Promise<Record<string, string>> {
  const names = await Promise.all(TABLES.map((table) => dynamo.createTable(DEFINITIONS[table])));
  return Object.fromEntries(TABLES.map((table, i) => [DYNAMODB_TABLES[table].variable, names[i]!]));
}

/**
 * For `inMemoryDoorbell`'s `storage` option: the production DynamoDB module (its client and retry settings as the
 * Lambdas have them) at `endpoint`, in place of the in-memory repositories.
 */
export function storeInDynamoDb(endpoint: string, tableVariables: Record<string, string>) {
  return (container: Container): void => {
    for (const table of TABLES) container.unbind(REPOSITORY_TOKENS[table]);
    const environment = { ...tableVariables, DYNAMODB_ENDPOINT: endpoint };
    container.load(
      dynamoDbModule(
        environment,
        TABLES.map((table) => DYNAMODB_TABLES[table]),
        { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
      ),
    );
  };
}
