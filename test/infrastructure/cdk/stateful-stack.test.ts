import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { createTableInput } from '../../../adapters/dynamodb/table-definitions';
import { TABLE_DEFINITIONS } from '../../../infrastructure/cdk/constructs/doorbell-tables';
import { defaultDoorbell, resourceNamed, resourcesOf, synthesizeDoorbell } from './doorbell-stacks';

const { stateful } = defaultDoorbell();

const TABLE_CONSTRUCTS = {
  connections: 'TablesConnections',
  rings: 'TablesRings',
  ringWindows: 'TablesRingWindows',
  visitors: 'TablesVisitors',
  devices: 'TablesDevices',
} as const;

describe('the tables, declared from adapters/dynamodb/table-definitions.ts', () => {
  it('are the five of the definitions, and nothing else', () => {
    expect(Object.keys(resourcesOf(stateful, 'AWS::DynamoDB::Table'))).toHaveLength(Object.keys(TABLE_DEFINITIONS).length);
  });

  for (const [table, construct] of Object.entries(TABLE_CONSTRUCTS)) {
    it(`${table}: the keys, attributes and indexes the tests create on dynalite, with the TTL attribute`, () => {
      // Prepare: what the tests create on dynalite from the same definition.
      const definition = TABLE_DEFINITIONS[table as keyof typeof TABLE_DEFINITIONS];
      const { TableName: _name, ...dynalite } = createTableInput(definition, 'any');

      // Act
      const { Properties: deployed } = resourceNamed(stateful, 'AWS::DynamoDB::Table', construct);

      // Assess
      expect(deployed['KeySchema']).toEqual(dynalite.KeySchema);
      expect(sortByName(deployed['AttributeDefinitions'] as Named[])).toEqual(sortByName(dynalite.AttributeDefinitions as Named[]));
      expect(deployed['GlobalSecondaryIndexes']).toEqual(dynalite.GlobalSecondaryIndexes);
      expect(deployed['LocalSecondaryIndexes']).toEqual(dynalite.LocalSecondaryIndexes);
      expect(deployed['BillingMode']).toBe('PAY_PER_REQUEST');
      expect(deployed['TimeToLiveSpecification']).toEqual(
        definition.ttlAttribute ? { AttributeName: definition.ttlAttribute, Enabled: true } : undefined,
      );
    });
  }

  it("keeps the household's data when the stack goes; connections and ring windows are ephemeral", () => {
    const policy = (construct: string) => resourceNamed(stateful, 'AWS::DynamoDB::Table', construct);
    for (const retained of ['TablesRings', 'TablesVisitors', 'TablesDevices']) {
      expect(policy(retained)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
    for (const ephemeral of ['TablesConnections', 'TablesRingWindows']) {
      expect(policy(ephemeral)).toMatchObject({ DeletionPolicy: 'Delete' });
    }
  });

  it("protects the household's tables from deletion and keeps their point-in-time recovery; ephemeral rows get neither", () => {
    const tables = resourcesOf(stateful, 'AWS::DynamoDB::Table');
    const settings = (id: string) => ({
      retained: tables[id]!['DeletionPolicy' as never] === 'Retain',
      deletionProtection: tables[id]!.Properties['DeletionProtectionEnabled'] === true,
      pitr:
        (tables[id]!.Properties['PointInTimeRecoverySpecification'] as { PointInTimeRecoveryEnabled?: boolean } | undefined)
          ?.PointInTimeRecoveryEnabled === true,
    });
    const all = Object.keys(tables).map(settings);
    expect(all.filter((table) => table.retained)).toHaveLength(5); // rings, visitors, devices, answers, webhooks
    for (const table of all) expect(table).toEqual({ retained: table.retained, deletionProtection: table.retained, pitr: table.retained });
  });

  it('is protected from termination: the code stack reads it, and nothing else keeps it from being deleted first', () => {
    expect(defaultDoorbell().doorbell.stateful.terminationProtection).toBe(true);
    expect(defaultDoorbell().doorbell.stateless.terminationProtection).toBe(false);
  });
});

describe('the photo bucket', () => {
  const photos = () => resourceNamed(stateful, 'AWS::S3::Bucket', 'PhotoBucketPhotos');

  it('is private: all public access blocked, ACLs disabled, S3-managed encryption, retained', () => {
    expect(photos().Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    expect(photos().Properties['VersioningConfiguration']).toBeUndefined();
    expect(photos()).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('refuses every request that is not over TLS', () => {
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: photos().id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Principal: { AWS: '*' },
          }),
        ]),
      },
    });
  });

  it('expires ring photos after the retention days (default 30) under rings/, and aborts incomplete uploads', () => {
    expect(photos().Properties['LifecycleConfiguration']).toEqual({
      Rules: [
        { Id: 'expire-ring-photos', Prefix: 'rings/', ExpirationInDays: 30, Status: 'Enabled' },
        { Id: 'abort-incomplete-uploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' },
      ],
    });
  });

  it("lets browser pages (the door page) PUT through presigned links: PUT only, the grant's signed headers, the allowed origins", () => {
    const rules = (template: typeof stateful) =>
      (resourceNamed(template, 'AWS::S3::Bucket', 'PhotoBucketPhotos').Properties['CorsConfiguration'] as { CorsRules: unknown[] })
        .CorsRules;
    const cors = { AllowedMethods: ['PUT'], AllowedHeaders: ['content-type', 'content-length', 'if-none-match'], MaxAge: 3600 };
    // Never every origin: the hosted pages' own origin (the distribution's domain) by default…
    expect(rules(stateful)).toEqual([{ ...cors, ExposedHeaders: ['ETag'], AllowedOrigins: [expect.anything()] }]);
    expect(JSON.stringify(rules(stateful))).not.toContain('"*"');
    // …and the origins allowed to connect besides it.
    const { stateful: elsewhere } = synthesizeDoorbell({ allowedOrigins: ['https://door.example'] });
    expect(rules(elsewhere)).toHaveLength(2);
    expect(rules(elsewhere)[1]).toEqual({ ...cors, ExposedHeaders: ['ETag'], AllowedOrigins: ['https://door.example'] });
  });

  it('takes the retention from the options (context doorbell:retentionDays)', () => {
    const { stateful: twoWeeks, stateless } = synthesizeDoorbell({ retentionDays: 14 });
    expect(resourceNamed(twoWeeks, 'AWS::S3::Bucket', 'PhotoBucketPhotos').Properties['LifecycleConfiguration']).toMatchObject({
      Rules: [{ Prefix: 'rings/', ExpirationInDays: 14 }, {}],
    });
    // …and so does the rings' TTL, computed by identify from RETENTION_DAYS.
    stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ RINGS_TABLE: Match.anyValue(), RETENTION_DAYS: '14' }) },
    });
  });

  it('sends its "Object Created" events to EventBridge, natively (no notifications custom resource)', () => {
    expect(photos().Properties['NotificationConfiguration']).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    expect(resourcesOf(stateful, 'Custom::S3BucketNotifications')).toEqual({});
    expect(resourcesOf(stateful, 'AWS::Lambda::Function')).toEqual({});
  });

  it('logs server access to a private, TLS-only log bucket whose logs expire with the photos', () => {
    const logs = resourceNamed(stateful, 'AWS::S3::Bucket', 'PhotoBucketAccessLogs');
    expect(photos().Properties['LoggingConfiguration']).toEqual({ DestinationBucketName: { Ref: logs.id }, LogFilePrefix: 'photos/' });
    expect(logs.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 30, Status: 'Enabled' }] },
    });
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logs.id },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

describe('the device-token secret', () => {
  it('is a generated 64-character key, retained with the data', () => {
    const secret = resourceNamed(stateful, 'AWS::SecretsManager::Secret', 'DeviceTokenSecret');
    expect(secret.Properties['GenerateSecretString']).toEqual({ PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false });
    expect(secret).toMatchObject({ DeletionPolicy: 'Retain' });
    expect(resourcesOf(stateful, 'AWS::SecretsManager::RotationSchedule')).toEqual({});
  });
});

type Named = { AttributeName: string };

function sortByName(list: readonly Named[]): Named[] {
  return [...list].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName));
}
