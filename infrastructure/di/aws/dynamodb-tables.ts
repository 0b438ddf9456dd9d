import type { ServiceIdentifier } from 'inversify';
import { TOKENS } from '../tokens';
import {
  accessCodesTable,
  answersTable,
  connectionsTable,
  devicesTable,
  ringsTable,
  ringWindowsTable,
  visitorsTable,
  webhooksTable,
  type TableBinding,
} from './dynamodb.module';

/**
 * Every table's binding, by the key the table definitions use (adapters/dynamodb/table-definitions.ts), for the
 * callers that store in all of them: the local doorbell and the tests. A Lambda root names its tables' bindings
 * itself instead, so that its bundle holds only their repositories.
 */
export const DYNAMODB_TABLES = {
  connections: connectionsTable,
  rings: ringsTable,
  ringWindows: ringWindowsTable,
  visitors: visitorsTable,
  devices: devicesTable,
  accessCodes: accessCodesTable,
  answers: answersTable,
  webhooks: webhooksTable,
} as const satisfies Record<string, TableBinding>;

export type Table = keyof typeof DYNAMODB_TABLES;

/**
 * The port each table's repository is bound to: what a caller swapping the in-memory stores for DynamoDB unbinds
 * first. Kept here rather than on the bindings, which a Lambda bundle carries: a token read at module scope would
 * keep every binding (and its repository) in every bundle.
 */
export const REPOSITORY_TOKENS: { readonly [T in Table]: ServiceIdentifier } = {
  connections: TOKENS.ConnectionRepository,
  rings: TOKENS.RingRepository,
  ringWindows: TOKENS.RingWindowRepository,
  visitors: TOKENS.VisitorRepository,
  devices: TOKENS.DeviceRepository,
  accessCodes: TOKENS.AccessCodeRepository,
  answers: TOKENS.AnswerRepository,
  webhooks: TOKENS.WebhookRepository,
};
