import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ContainerModule, type ContainerModuleLoadOptions } from 'inversify';
import { DynamoDbAccessCodeRepository } from '../../../adapters/dynamodb/dynamodb-access-code-repository';
import { DynamoDbAnswerRepository } from '../../../adapters/dynamodb/dynamodb-answer-repository';
import { DynamoDbConnectionRepository } from '../../../adapters/dynamodb/dynamodb-connection-repository';
import { DynamoDbDeviceRepository } from '../../../adapters/dynamodb/dynamodb-device-repository';
import { DynamoDbRingRepository } from '../../../adapters/dynamodb/dynamodb-ring-repository';
import { DynamoDbRingWindowRepository } from '../../../adapters/dynamodb/dynamodb-ring-window-repository';
import { DynamoDbVisitorRepository } from '../../../adapters/dynamodb/dynamodb-visitor-repository';
import { DynamoDbWebhookRepository } from '../../../adapters/dynamodb/dynamodb-webhook-repository';
import type { DynamoDbTableOptions } from '../../../adapters/dynamodb/dynamodb-table-options';
import { env, readEnvironment, type Environment } from '../config';
import { TOKENS as t } from '../tokens';

/**
 * One table: the variable naming it and how its repository is bound. Separate values, not one switch over every
 * table, so that a Lambda's bundle holds only the repositories of the tables its root names (the rest is
 * tree-shaken away), as with the use-case bindings. `DYNAMODB_TABLES` (dynamodb-tables.ts) maps every table, for
 * the callers that use them all.
 */
export interface TableBinding<Variable extends string = string> {
  /** The environment variable naming the table. */
  readonly variable: Variable;
  readonly bind: (bind: ContainerModuleLoadOptions['bind'], options: DynamoDbTableOptions) => void;
}

export const connectionsTable: TableBinding<'CONNECTIONS_TABLE'> = {
  variable: 'CONNECTIONS_TABLE',
  bind: (bind, options) => bind(t.ConnectionRepository).toConstantValue(new DynamoDbConnectionRepository(options)),
};

export const ringsTable: TableBinding<'RINGS_TABLE'> = {
  variable: 'RINGS_TABLE',
  bind: (bind, options) => bind(t.RingRepository).toConstantValue(new DynamoDbRingRepository(options)),
};

export const ringWindowsTable: TableBinding<'RING_WINDOWS_TABLE'> = {
  variable: 'RING_WINDOWS_TABLE',
  bind: (bind, options) => bind(t.RingWindowRepository).toConstantValue(new DynamoDbRingWindowRepository(options)),
};

export const visitorsTable: TableBinding<'VISITORS_TABLE'> = {
  variable: 'VISITORS_TABLE',
  bind: (bind, options) => bind(t.VisitorRepository).toConstantValue(new DynamoDbVisitorRepository(options)),
};

export const devicesTable: TableBinding<'DEVICES_TABLE'> = {
  variable: 'DEVICES_TABLE',
  bind: (bind, options) => bind(t.DeviceRepository).toConstantValue(new DynamoDbDeviceRepository(options)),
};

export const accessCodesTable: TableBinding<'ACCESS_CODES_TABLE'> = {
  variable: 'ACCESS_CODES_TABLE',
  bind: (bind, options) => bind(t.AccessCodeRepository).toConstantValue(new DynamoDbAccessCodeRepository(options)),
};

export const answersTable: TableBinding<'ANSWERS_TABLE'> = {
  variable: 'ANSWERS_TABLE',
  bind: (bind, options) => bind(t.AnswerRepository).toConstantValue(new DynamoDbAnswerRepository(options)),
};

export const webhooksTable: TableBinding<'WEBHOOKS_TABLE'> = {
  variable: 'WEBHOOKS_TABLE',
  bind: (bind, options) => bind(t.WebhookRepository).toConstantValue(new DynamoDbWebhookRepository(options)),
};

/**
 * DynamoDB repositories for the given tables only (a Lambda reads only the variables of the tables it uses; every
 * missing or malformed one is reported at once), over one document client per container. `DYNAMODB_ENDPOINT` points
 * them elsewhere (dynalite, locally); `clientConfig` adds SDK settings (the local doorbell's region and dummy
 * credentials).
 */
export function dynamoDbModule(
  environment: Environment,
  tables: readonly TableBinding[],
  clientConfig: DynamoDBClientConfig = {},
): ContainerModule {
  const chosen = [...new Set(tables)];
  const names = readEnvironment(environment, {
    ...Object.fromEntries(chosen.map((table) => [table.variable, env.tableName()])),
    DYNAMODB_ENDPOINT: env.optionalUrl(),
  }) as Record<string, string | undefined>;
  const endpoint = names['DYNAMODB_ENDPOINT'];
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ ...clientConfig, ...(endpoint ? { endpoint } : {}) }), {
    marshallOptions: { removeUndefinedValues: true },
  });

  return new ContainerModule(({ bind }) => {
    for (const table of chosen) table.bind(bind, { client, tableName: String(names[table.variable]) });
  });
}
