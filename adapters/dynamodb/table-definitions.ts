import type { CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';

/**
 * The DynamoDB tables of the doorbell, as plain data: the tests create them on dynalite from here and the CDK stack
 * will declare them from here, so the two can't drift. Every index projects ALL attributes (the adapters filter and
 * map whole items). `ttlAttribute` is set on the deployed table (UpdateTimeToLive / CDK `timeToLiveAttribute`);
 * dynalite has no TTL, which is why the adapters also filter expired items on read.
 */
export interface KeyAttribute {
  readonly name: string;
  /** DynamoDB's scalar types, spelled as CDK's `AttributeType` values. */
  readonly type: 'S' | 'N';
}

export type IndexDefinition =
  | { readonly kind: 'global'; readonly name: string; readonly partitionKey: KeyAttribute; readonly sortKey?: KeyAttribute }
  /** A local index shares the table's partition key and can only be created with the table. */
  | { readonly kind: 'local'; readonly name: string; readonly sortKey: KeyAttribute };

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly IndexDefinition[];
  readonly ttlAttribute?: string;
}

const string = (name: string): KeyAttribute => ({ name, type: 'S' });

export const CONNECTIONS_BY_HOUSEHOLD_INDEX = 'byHousehold';
export const RINGS_BY_TIME_INDEX = 'byTime';

export const CONNECTIONS_TABLE: TableDefinition = {
  partitionKey: /* @__PURE__ */ string('connectionId'),
  indexes: [
    {
      kind: 'global',
      name: CONNECTIONS_BY_HOUSEHOLD_INDEX,
      partitionKey: /* @__PURE__ */ string('householdId'),
      sortKey: /* @__PURE__ */ string('connectionId'),
    },
  ],
  ttlAttribute: 'ttl',
};

export const RINGS_TABLE: TableDefinition = {
  partitionKey: /* @__PURE__ */ string('householdId'),
  sortKey: /* @__PURE__ */ string('ringId'),
  // timeKey = zero-padded `at` + '#' + ringId: descending order of this index is the history order.
  indexes: [{ kind: 'local', name: RINGS_BY_TIME_INDEX, sortKey: /* @__PURE__ */ string('timeKey') }],
  ttlAttribute: 'ttl',
};

export const RING_WINDOWS_TABLE: TableDefinition = {
  partitionKey: /* @__PURE__ */ string('householdId'),
  sortKey: /* @__PURE__ */ string('doorbellId'),
  indexes: [],
  ttlAttribute: 'ttl',
};

export const VISITORS_TABLE: TableDefinition = {
  partitionKey: /* @__PURE__ */ string('householdId'),
  sortKey: /* @__PURE__ */ string('visitorId'),
  indexes: [],
};

export const DEVICES_TABLE: TableDefinition = {
  partitionKey: /* @__PURE__ */ string('householdId'),
  sortKey: /* @__PURE__ */ string('deviceId'),
  indexes: [],
};

/**
 * Sort key `ringAndVisitor` = `${ringId}#${visitorId}` (`#` is outside the id alphabet, so the pair is unambiguous):
 * one item per ring and visitor, which is what makes issuing a code a conditional put.
 */
export const ACCESS_CODES_TABLE: TableDefinition = {
  partitionKey: /* @__PURE__ */ string('householdId'),
  sortKey: /* @__PURE__ */ string('ringAndVisitor'),
  indexes: [],
  ttlAttribute: 'ttl',
};

/** One item per ring: its response (first answer or unanswered) and the waiting workflow run's task token. */
export const ANSWERS_TABLE: TableDefinition = {
  partitionKey: /* @__PURE__ */ string('householdId'),
  sortKey: /* @__PURE__ */ string('ringId'),
  indexes: [],
  ttlAttribute: 'ttl',
};

/** One item per webhook (sort key `webhookId`): its URL, events, signing secret and delivery state. */
export const WEBHOOKS_TABLE: TableDefinition = {
  partitionKey: /* @__PURE__ */ string('householdId'),
  sortKey: /* @__PURE__ */ string('webhookId'),
  indexes: [],
};

/**
 * The face model's descriptors, one item per enrolled face (sort key `faceId`), the descriptor as 512 bytes of
 * float32. Declared by the stateful stack when deployed with `-c doorbell:recognizer=model`
 * (infrastructure/cdk/constructs/face-descriptors-table.ts).
 */
export const FACE_DESCRIPTORS_TABLE: TableDefinition = {
  partitionKey: /* @__PURE__ */ string('householdId'),
  sortKey: /* @__PURE__ */ string('faceId'),
  indexes: [],
};

/**
 * Every table of the doorbell, by the key the composition uses for its binding (`DYNAMODB_TABLES`: `connections` →
 * `connectionsTable`, …).
 */
export const DOORBELL_TABLES = {
  connections: CONNECTIONS_TABLE,
  rings: RINGS_TABLE,
  ringWindows: RING_WINDOWS_TABLE,
  visitors: VISITORS_TABLE,
  devices: DEVICES_TABLE,
  accessCodes: ACCESS_CODES_TABLE,
  answers: ANSWERS_TABLE,
  webhooks: WEBHOOKS_TABLE,
} as const;

/** CreateTable input for a definition: on-demand capacity, every index projecting ALL. */
export function createTableInput(definition: TableDefinition, tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, indexes } = definition;
  const globalIndexes = indexes.filter((index) => index.kind === 'global');
  const localIndexes = indexes.filter((index) => index.kind === 'local');
  const keyAttributes = [
    partitionKey,
    sortKey,
    ...indexes.flatMap((index) => (index.kind === 'global' ? [index.partitionKey, index.sortKey] : [index.sortKey])),
  ].filter((attribute) => attribute !== undefined);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keySchema(partitionKey, sortKey),
    // Each key attribute is declared once, however many keys use it.
    AttributeDefinitions: [...new Map(keyAttributes.map((a) => [a.name, a])).values()].map((a) => ({
      AttributeName: a.name,
      AttributeType: a.type,
    })),
    ...(globalIndexes.length > 0 && {
      GlobalSecondaryIndexes: globalIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
    ...(localIndexes.length > 0 && {
      LocalSecondaryIndexes: localIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  };
}

function keySchema(partitionKey: KeyAttribute, sortKey: KeyAttribute | undefined): KeySchemaElement[] {
  return [
    { AttributeName: partitionKey.name, KeyType: 'HASH' },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
  ];
}
