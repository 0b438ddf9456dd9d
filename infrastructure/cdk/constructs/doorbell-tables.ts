import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge';
import { DOORBELL_TABLES, type KeyAttribute, type TableDefinition } from '../../../adapters/dynamodb/table-definitions';
import type { Table as TableKey } from '../../di/aws/dynamodb-tables';

/**
 * The table definitions by the key the composition uses for their bindings (`DYNAMODB_TABLES` in
 * infrastructure/di/aws/dynamodb-tables.ts).
 */
export const TABLE_DEFINITIONS: { readonly [K in TableKey]: TableDefinition } = DOORBELL_TABLES;

/**
 * Rows that only live while a device is connected (≤ 2 h), a ring window is open (1 day) or an access code may be
 * used (minutes; kept a day): losing them on a stack deletion loses nothing. Everything else is the household's
 * data and is retained.
 */
const EPHEMERAL: ReadonlySet<TableKey> = new Set<TableKey>(['connections', 'ringWindows', 'accessCodes']);

/**
 * The seven DynamoDB tables, declared from `adapters/dynamodb/table-definitions.ts` (the same definitions the tests
 * create on dynalite): keys, indexes (projecting ALL) and the TTL attribute. On-demand. The household's data
 * (retained) also gets deletion protection and point-in-time recovery; the ephemeral rows are worth neither.
 */
export class DoorbellTables extends Construct {
  readonly tables: { readonly [K in TableKey]: Table };

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const make = (key: TableKey, constructId: string) => tableFromDefinition(this, constructId, TABLE_DEFINITIONS[key], EPHEMERAL.has(key));
    this.tables = {
      connections: make('connections', 'Connections'),
      rings: make('rings', 'Rings'),
      ringWindows: make('ringWindows', 'RingWindows'),
      visitors: make('visitors', 'Visitors'),
      devices: make('devices', 'Devices'),
      accessCodes: make('accessCodes', 'AccessCodes'),
      answers: make('answers', 'Answers'),
    };
  }
}

export function tableFromDefinition(scope: Construct, id: string, definition: TableDefinition, ephemeral: boolean): Table {
  const table = new Table(scope, id, {
    partitionKey: attribute(definition.partitionKey),
    ...(definition.sortKey && { sortKey: attribute(definition.sortKey) }),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: !ephemeral },
    deletionProtection: !ephemeral,
    ...(definition.ttlAttribute && { timeToLiveAttribute: definition.ttlAttribute }),
    removalPolicy: ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
  });
  if (ephemeral) {
    acknowledge(
      table,
      'AwsSolutions-DDB3',
      'Its rows live minutes to hours (a connection, a ring window, an access code) and are recreated by use; ' +
        'restoring them to a past point would restore nothing anyone needs.',
    );
  }
  for (const index of definition.indexes) {
    if (index.kind === 'global') {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey && { sortKey: attribute(index.sortKey) }),
        projectionType: ProjectionType.ALL,
      });
    } else {
      table.addLocalSecondaryIndex({ indexName: index.name, sortKey: attribute(index.sortKey), projectionType: ProjectionType.ALL });
    }
  }
  return table;
}

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}
