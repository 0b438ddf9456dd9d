import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { optionsFromContext } from '../../../infrastructure/cdk/doorbell-app';
import { FACE_MODEL_SIZING, LAMBDA_SIZING } from '../../../infrastructure/cdk/lambda-functions';
import { App } from 'aws-cdk-lib';
import { grantsOf } from './iam-statements';
import { defaultDoorbell, resourceNamed, synthesizeDoorbell } from './doorbell-stacks';

/**
 * `-c doorbell:recognizer=model`: the face model in identify and on-resident-message instead of Rekognition. The
 * default deployment (Rekognition) is covered by the other template tests; here, what the model variant changes.
 */
const model = synthesizeDoorbell({ recognizer: 'model' });
const rekognition = defaultDoorbell();
const idOf = (construct: IConstruct) => Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
const descriptors = model.doorbell.stateful.faceDescriptors!;
const descriptorsArn = `<${idOf(descriptors)}.Arn>`;
const grants = (synthesized: typeof model, name: 'identify' | 'on-resident-message') =>
  grantsOf(synthesized.stateless, idOf(synthesized.doorbell.stateless.functions[name].executionRole), synthesized.stateful);

describe('the face model variant (-c doorbell:recognizer=model)', () => {
  it('is chosen by the context key, rekognition by default, anything else refused', () => {
    const app = (recognizer?: string) => new App({ context: recognizer ? { 'doorbell:recognizer': recognizer } : {} });
    expect(optionsFromContext(app()).recognizer).toBe('rekognition');
    expect(optionsFromContext(app('model')).recognizer).toBe('model');
    expect(() => optionsFromContext(app('opencv'))).toThrow(/doorbell:recognizer must be rekognition or model/);
  });

  it('declares the descriptors table, keyed by household and face, retained with deletion protection and PITR', () => {
    const table = resourceNamed(model.stateful, 'AWS::DynamoDB::Table', 'FaceDescriptors');
    expect(table.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: 'householdId', KeyType: 'HASH' },
        { AttributeName: 'faceId', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(model.stateful.toJSON().Resources[table.id]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    // Rekognition's deployment has no such table.
    expect(rekognition.doorbell.stateful.faceDescriptors).toBeUndefined();
    rekognition.stateful.resourcePropertiesCountIs(
      'AWS::DynamoDB::Table',
      { KeySchema: Match.arrayWith([{ AttributeName: 'faceId', KeyType: 'RANGE' }]) },
      0,
    );
  });

  it('identify reads the descriptors (Query) and calls no Rekognition action', () => {
    const identify = grants(model, 'identify');
    expect(identify.filter((grant) => grant.resource === descriptorsArn).map((grant) => grant.action)).toEqual(['dynamodb:Query']);
    expect(identify.filter((grant) => grant.action.startsWith('rekognition:'))).toEqual([]);
    // …whereas the Rekognition deployment's identify searches collections.
    expect(grants(rekognition, 'identify').map((grant) => grant.action)).toContain('rekognition:SearchFacesByImage');
  });

  it('on-resident-message enrolls and forgets in the descriptors table (Query, PutItem, BatchWriteItem), no Rekognition', () => {
    const resident = grants(model, 'on-resident-message');
    expect(
      resident
        .filter((grant) => grant.resource === descriptorsArn)
        .map((grant) => grant.action)
        .sort(),
    ).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    expect(resident.filter((grant) => grant.action.startsWith('rekognition:'))).toEqual([]);
  });

  it('no other function may touch the descriptors', () => {
    const others = Object.entries(model.doorbell.stateless.functions).filter(
      ([name]) => name !== 'identify' && name !== 'on-resident-message',
    );
    for (const [, fn] of others) {
      expect(
        grantsOf(model.stateless, idOf(fn.executionRole), model.stateful).filter((grant) => grant.resource.startsWith(descriptorsArn)),
      ).toEqual([]);
    }
  });

  it('gives the recognizing functions the model, its table and more memory; the others are unchanged', () => {
    for (const name of ['identify', 'on-resident-message'] as const) {
      const fn = resourceNamed(model.stateless, 'AWS::Lambda::Function', name === 'identify' ? 'Identify' : 'OnResidentMessage');
      expect(fn.Properties).toMatchObject({
        MemorySize: FACE_MODEL_SIZING[name].memorySize,
        Timeout: FACE_MODEL_SIZING[name].timeout.toSeconds(),
        Environment: { Variables: { FACE_RECOGNIZER: 'model', FACE_DESCRIPTORS_TABLE: expect.anything() } },
      });
      expect(FACE_MODEL_SIZING[name].memorySize).toBeGreaterThan(LAMBDA_SIZING[name].memorySize);
    }
    const announce = resourceNamed(model.stateless, 'AWS::Lambda::Function', 'Announce');
    expect(announce.Properties['MemorySize']).toBe(LAMBDA_SIZING.announce.memorySize);
    expect(JSON.stringify(announce.Properties['Environment'])).not.toContain('FACE_');
    // The Rekognition deployment sets neither variable anywhere.
    expect(JSON.stringify(rekognition.stateless.toJSON())).not.toContain('FACE_RECOGNIZER');
  });

  it('passes cdk-nag AwsSolutions with no finding left unacknowledged', () => {
    const report = new AwsSolutionsChecks(model.app).validateScope(model.app);
    expect(report.violations.map((violation) => [violation.ruleName, violation.violatingResources.map((r) => r.constructPath)])).toEqual(
      [],
    );
    expect(report.success).toBe(true);
  });
});
