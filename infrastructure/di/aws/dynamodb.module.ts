import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ContainerModule } from 'inversify';
import type * as z from 'zod/mini';
import { DynamoDbAccessCodeRepository } from '../../../adapters/dynamodb/dynamodb-access-code-repository';
import { DynamoDbAnswerRepository } from '../../../adapters/dynamodb/dynamodb-answer-repository';
import { DynamoDbConnectionRepository } from '../../../adapters/dynamodb/dynamodb-connection-repository';
import { DynamoDbDeviceRepository } from '../../../adapters/dynamodb/dynamodb-device-repository';
import { DynamoDbRingRepository } from '../../../adapters/dynamodb/dynamodb-ring-repository';
import { DynamoDbRingWindowRepository } from '../../../adapters/dynamodb/dynamodb-ring-window-repository';
import { DynamoDbVisitorRepository } from '../../../adapters/dynamodb/dynamodb-visitor-repository';
import { env, readEnvironment, type Environment } from '../config';
import { TOKENS } from '../tokens';

/** The tables a Lambda may need, and the variable naming each. */
export const TABLE_VARIABLES = {
  connections: 'CONNECTIONS_TABLE',
  rings: 'RINGS_TABLE',
  ringWindows: 'RING_WINDOWS_TABLE',
  visitors: 'VISITORS_TABLE',
  devices: 'DEVICES_TABLE',
  accessCodes: 'ACCESS_CODES_TABLE',
  answers: 'ANSWERS_TABLE',
} as const;
export type Table = keyof typeof TABLE_VARIABLES;

/**
 * DynamoDB repositories for the given tables only (a Lambda reads only the variables of the tables it uses), over
 * one document client per container. `DYNAMODB_ENDPOINT` points them elsewhere (dynalite, locally); `clientConfig`
 * adds SDK settings (the local doorbell's region and dummy credentials).
 */
export function dynamoDbModule(environment: Environment, tables: readonly Table[], clientConfig: DynamoDBClientConfig = {}): ContainerModule {
  const spec: Record<string, z.ZodMiniType<string | undefined>> = Object.fromEntries(
    tables.map((table) => [TABLE_VARIABLES[table], env.tableName()]),
  );
  const names: Record<string, string | undefined> = readEnvironment(environment, {
    ...spec,
    DYNAMODB_ENDPOINT: env.optionalUrl(),
  });
  const endpoint = names['DYNAMODB_ENDPOINT'];
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ ...clientConfig, ...(endpoint ? { endpoint } : {}) }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const options = (table: Table) => ({ client, tableName: String(names[TABLE_VARIABLES[table]]) });

  return new ContainerModule(({ bind }) => {
    for (const table of tables) {
      switch (table) {
        case 'connections':
          bind(TOKENS.ConnectionRepository).toConstantValue(new DynamoDbConnectionRepository(options(table)));
          break;
        case 'rings':
          bind(TOKENS.RingRepository).toConstantValue(new DynamoDbRingRepository(options(table)));
          break;
        case 'ringWindows':
          bind(TOKENS.RingWindowRepository).toConstantValue(new DynamoDbRingWindowRepository(options(table)));
          break;
        case 'visitors':
          bind(TOKENS.VisitorRepository).toConstantValue(new DynamoDbVisitorRepository(options(table)));
          break;
        case 'devices':
          bind(TOKENS.DeviceRepository).toConstantValue(new DynamoDbDeviceRepository(options(table)));
          break;
        case 'accessCodes':
          bind(TOKENS.AccessCodeRepository).toConstantValue(new DynamoDbAccessCodeRepository(options(table)));
          break;
        case 'answers':
          bind(TOKENS.AnswerRepository).toConstantValue(new DynamoDbAnswerRepository(options(table)));
          break;
      }
    }
  });
}
