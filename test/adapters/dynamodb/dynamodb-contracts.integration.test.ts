import { afterAll, beforeAll } from 'vitest';
import { DynamoDbAccessCodeRepository } from '../../../adapters/dynamodb/dynamodb-access-code-repository';
import { DynamoDbAnswerRepository } from '../../../adapters/dynamodb/dynamodb-answer-repository';
import { DynamoDbConnectionRepository } from '../../../adapters/dynamodb/dynamodb-connection-repository';
import { DynamoDbDeviceRepository } from '../../../adapters/dynamodb/dynamodb-device-repository';
import { DynamoDbRingRepository } from '../../../adapters/dynamodb/dynamodb-ring-repository';
import { DynamoDbRingWindowRepository } from '../../../adapters/dynamodb/dynamodb-ring-window-repository';
import type { DynamoDbTableOptions } from '../../../adapters/dynamodb/dynamodb-table-options';
import { DynamoDbVisitorRepository } from '../../../adapters/dynamodb/dynamodb-visitor-repository';
import {
  ACCESS_CODES_TABLE,
  ANSWERS_TABLE,
  WEBHOOKS_TABLE,
  CONNECTIONS_TABLE,
  DEVICES_TABLE,
  RING_WINDOWS_TABLE,
  RINGS_TABLE,
  VISITORS_TABLE,
  type TableDefinition,
} from '../../../adapters/dynamodb/table-definitions';
import { accessCodeRepositoryContract } from '../../contracts/access-code-repository.contract';
import { webhookRepositoryContract } from '../../contracts/webhook-repository.contract';
import { DynamoDbWebhookRepository } from '../../../adapters/dynamodb/dynamodb-webhook-repository';
import { answerRepositoryContract } from '../../contracts/answer-repository.contract';
import { connectionRepositoryContract } from '../../contracts/connection-repository.contract';
import { deviceRepositoryContract } from '../../contracts/device-repository.contract';
import { ringRepositoryContract } from '../../contracts/ring-repository.contract';
import { ringWindowRepositoryContract } from '../../contracts/ring-window-repository.contract';
import { visitorRepositoryContract } from '../../contracts/visitor-repository.contract';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';

let dynamo: LocalDynamoDb;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo?.close();
});

// Each make() gets a fresh table. Pages of 7 make every list, history, findByName and code lookup in the suites span
// many pages.
for (const pageSize of [undefined, 7]) {
  const name = pageSize === undefined ? 'DynamoDB (dynalite)' : `DynamoDB (dynalite), pages of ${pageSize}`;
  const options = async (definition: TableDefinition): Promise<DynamoDbTableOptions> => ({
    client: dynamo.documentClient,
    tableName: await dynamo.createTable(definition),
    pageSize,
  });

  connectionRepositoryContract(name, async () => new DynamoDbConnectionRepository(await options(CONNECTIONS_TABLE)));
  ringRepositoryContract(name, async () => new DynamoDbRingRepository(await options(RINGS_TABLE)));
  ringWindowRepositoryContract(name, async () => new DynamoDbRingWindowRepository(await options(RING_WINDOWS_TABLE)));
  visitorRepositoryContract(name, async () => new DynamoDbVisitorRepository(await options(VISITORS_TABLE)));
  deviceRepositoryContract(name, async () => new DynamoDbDeviceRepository(await options(DEVICES_TABLE)));
  accessCodeRepositoryContract(name, async () => new DynamoDbAccessCodeRepository(await options(ACCESS_CODES_TABLE)));
  answerRepositoryContract(name, async () => new DynamoDbAnswerRepository(await options(ANSWERS_TABLE)));
  webhookRepositoryContract(name, async () => new DynamoDbWebhookRepository(await options(WEBHOOKS_TABLE)));
}
