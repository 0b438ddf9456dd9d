import {
  accessCodesTable,
  answersTable,
  connectionsTable,
  devicesTable,
  ringsTable,
  ringWindowsTable,
  visitorsTable,
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
} as const satisfies Record<string, TableBinding>;

export type Table = keyof typeof DYNAMODB_TABLES;
