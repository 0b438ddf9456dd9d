import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge';
import {
  CONNECTIONS_BY_HOUSEHOLD_INDEX,
  DOORBELL_TABLES,
  RINGS_BY_TIME_INDEX,
  type KeyAttribute,
  type TableDefinition,
} from '../../../adapters/dynamodb/table-definitions';
import type { Table as TableKey } from '../../di/aws/dynamodb-tables';
import type { DoorbellFunction } from './doorbell-function';

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
 * The eight DynamoDB tables, declared from `adapters/dynamodb/table-definitions.ts` (the same definitions the tests
 * create on dynalite): keys, indexes (projecting ALL) and the TTL attribute. On-demand. The household's data
 * (retained) also gets deletion protection and point-in-time recovery; the ephemeral rows are worth neither.
 *
 * The `grant…` methods say what a function may do with the rows, each narrowed to the actions its use cases call and
 * to the tables (and indexes) they touch.
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
      webhooks: make('webhooks', 'Webhooks'),
    };
  }

  /**
   * Deliver webhooks: a household's webhooks (listed, read, their delivery state updated by a conditional put), and
   * the ring, its doorbell and its answer to build a body.
   */
  grantDeliverWebhooks(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem'], [this.tables.webhooks.tableArn]);
    this.allow(fn, ['dynamodb:GetItem'], [this.tables.rings.tableArn, this.tables.devices.tableArn, this.tables.answers.tableArn]);
  }

  /** Manage a household's webhooks (a resident's dashboard): list, add, read, update (enable) and remove. */
  grantManageWebhooks(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], [this.tables.webhooks.tableArn]);
  }

  /** Read a device (is it registered, not revoked; a doorbell's name). */
  grantReadDevice(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:GetItem'], [this.tables.devices.tableArn]);
  }

  /** Put the row of a connection that opened. */
  grantRegisterConnection(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:PutItem'], [this.tables.connections.tableArn]);
  }

  /** Delete the row of a connection that closed. */
  grantForgetConnection(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:DeleteItem'], [this.tables.connections.tableArn]);
  }

  /** A household's live connections through their index, and pruning the gone ones (telling the household). */
  grantReachHousehold(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:Query'], [this.index('connections', CONNECTIONS_BY_HOUSEHOLD_INDEX)]);
    this.allow(fn, ['dynamodb:DeleteItem'], [this.tables.connections.tableArn]);
  }

  /** A doorbell's ring window: read it and open it (compare-and-set). */
  grantOpenRingWindow(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:GetItem', 'dynamodb:PutItem'], [this.tables.ringWindows.tableArn]);
  }

  /** A household's access codes and their compare-and-set (a code is used once). */
  grantVerifyAccessCodes(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:Query', 'dynamodb:PutItem'], [this.tables.accessCodes.tableArn]);
  }

  /** Put one access code per trusted visitor (conditional put). */
  grantIssueAccessCodes(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:PutItem'], [this.tables.accessCodes.tableArn]);
  }

  /** The history: rings newest first through their index, and the household's devices. */
  grantReadHistory(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:Query'], [this.tables.devices.tableArn, this.index('rings', RINGS_BY_TIME_INDEX)]);
  }

  /** Answering: the ring and the answering device. */
  grantReadRingAndDevice(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:GetItem'], [this.tables.rings.tableArn, this.tables.devices.tableArn]);
  }

  /** A ring's answer and its waiting run's token: read, and the first write wins (conditional update). */
  grantSettleAnswer(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [this.tables.answers.tableArn]);
  }

  /** The visitor actions: list, enroll (find by name, save) and forget (remove). */
  grantManageVisitors(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], [this.tables.visitors.tableArn]);
  }

  /** The household's visitors, to match a face against. */
  grantListVisitors(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:Query'], [this.tables.visitors.tableArn]);
  }

  /** Record a ring (conditional put; read first, so a retried scan records it once). */
  grantRecordRing(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:GetItem', 'dynamodb:PutItem'], [this.tables.rings.tableArn]);
  }

  /** Claim a ring for announcing (read, conditional update). */
  grantClaimRing(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [this.tables.rings.tableArn]);
  }

  /** Read a ring. */
  grantReadRing(fn: DoorbellFunction): void {
    this.allow(fn, ['dynamodb:GetItem'], [this.tables.rings.tableArn]);
  }

  private allow(fn: DoorbellFunction, actions: string[], resources: string[]): void {
    fn.addToRolePolicy(new PolicyStatement({ actions, resources }));
  }

  private index(table: TableKey, name: string): string {
    return `${this.tables[table].tableArn}/index/${name}`;
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
