import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { LAMBDA_FUNCTION_NAMES, lambdaRoot } from '../../../infrastructure/cdk/lambda-functions';
import { defaultDoorbell, resourcesOf } from './doorbell-stacks';
import { render } from './iam-statements';

const { doorbell, stateful, stateless } = defaultDoorbell();
const idOf = (construct: IConstruct) => Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
const functionResource = (name: (typeof LAMBDA_FUNCTION_NAMES)[number]) =>
  resourcesOf(stateless, 'AWS::Lambda::Function')[idOf(doorbell.stateless.functions[name])]!.Properties;

/** Each function's variables, rendered (`<TablesRings….>` for a table name read from the stateful stack). */
const variables = (name: (typeof LAMBDA_FUNCTION_NAMES)[number]) =>
  Object.fromEntries(
    Object.entries((functionResource(name)['Environment'] as { Variables: Record<string, unknown> }).Variables).map(([key, value]) => [
      key,
      render(value, stateful),
    ]),
  );

const RING_SETTINGS = {
  MATCH_THRESHOLD: '90',
  DEBOUNCE_SECONDS: '30',
  RETENTION_DAYS: '30',
  SNAPSHOT_LINK_SECONDS: '900',
  UPLOAD_LINK_SECONDS: '60',
  PUSH_CONCURRENCY: '16',
  ANSWER_WINDOW_SECONDS: '60',
};

describe('the functions', () => {
  it('are those of infrastructure/lambdas/functions.ts, one per composition root', () => {
    // Besides them, only CDK's uploader of the pages' files (a custom resource run while deploying).
    const uploader = idOf(doorbell.stateless.pages[0]!.deployment.handlerRole.node.scope!);
    const functions = Object.keys(resourcesOf(stateless, 'AWS::Lambda::Function')).filter((id) => id !== uploader);
    expect(functions).toHaveLength(LAMBDA_FUNCTION_NAMES.length);
    expect(Object.keys(doorbell.stateless.functions).sort()).toEqual(
      [
        'announce',
        'answer-window',
        'authorizer',
        'identify',
        'on-connect',
        'on-disconnect',
        'on-message',
        'on-resident-message',
        'on-doorbell-message',
        'deliver-webhooks',
      ].sort(),
    );
  });

  for (const name of LAMBDA_FUNCTION_NAMES) {
    it(`${name}: current Node.js runtime on arm64, its own role and 30-day log group`, () => {
      const fn = functionResource(name);
      expect(fn).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': [idOf(doorbell.stateless.functions[name].executionRole), 'Arn'] },
        LoggingConfig: { LogGroup: { Ref: idOf(doorbell.stateless.functions[name].logs) } },
      });
      stateless.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 30 } });
      expect(resourcesOf(stateless, 'AWS::Logs::LogGroup')[idOf(doorbell.stateless.functions[name].logs)]!.Properties).toEqual({
        RetentionInDays: 30,
      });
    });
  }

  it("each get exactly the variables their composition root reads, plus Powertools' and source maps", () => {
    const tables = doorbell.stateful.tables;
    const ref = (construct: IConstruct) => `<${idOf(construct)}>`;
    const resources = {
      CONNECTIONS_TABLE: ref(tables.connections),
      RINGS_TABLE: ref(tables.rings),
      RING_WINDOWS_TABLE: ref(tables.ringWindows),
      VISITORS_TABLE: ref(tables.visitors),
      DEVICES_TABLE: ref(tables.devices),
      ACCESS_CODES_TABLE: ref(tables.accessCodes),
      ANSWERS_TABLE: ref(tables.answers),
      WEBHOOKS_TABLE: ref(tables.webhooks),
      WEBHOOK_QUEUE_URL: ref(doorbell.stateless.webhooks.queue),
      PHOTOS_BUCKET: ref(doorbell.stateful.photos),
      DEVICE_TOKEN_SECRET_ARN: ref(doorbell.stateful.deviceTokenSecret),
      CONNECTIONS_API_ENDPOINT: `https://<${idOf(doorbell.stateless.webSocket.api)}>.execute-api.<AWS::Region>.<AWS::URLSuffix>/prod`,
      REKOGNITION_COLLECTION_PREFIX: 'Doorbell_',
    };
    const common = (name: (typeof LAMBDA_FUNCTION_NAMES)[number]) => ({
      POWERTOOLS_SERVICE_NAME: lambdaRoot(name).serviceName,
      POWERTOOLS_METRICS_NAMESPACE: 'Doorbell',
      NODE_OPTIONS: '--enable-source-maps',
    });
    const pick = (...keys: (keyof typeof resources)[]) => Object.fromEntries(keys.map((key) => [key, resources[key]]));

    expect(variables('authorizer')).toEqual({
      ...common('authorizer'),
      ...pick('DEVICES_TABLE', 'DEVICE_TOKEN_SECRET_ARN'),
      // The hosted pages' origin, always: browser pages of any other origin are refused unless the deployment names them.
      ALLOWED_ORIGINS: `https://<${idOf(doorbell.stateful.pageHosting.distribution)}.DomainName>`,
    });
    expect(variables('on-connect')).toEqual({ ...common('on-connect'), ...pick('CONNECTIONS_TABLE') });
    expect(variables('on-disconnect')).toEqual({ ...common('on-disconnect'), ...pick('CONNECTIONS_TABLE') });
    expect(variables('on-message')).toEqual({ ...common('on-message'), ...pick('CONNECTIONS_API_ENDPOINT') });
    expect(variables('on-resident-message')).toEqual({
      ...common('on-resident-message'),
      ...pick(
        'DEVICES_TABLE',
        'RINGS_TABLE',
        'CONNECTIONS_TABLE',
        'ANSWERS_TABLE',
        'VISITORS_TABLE',
        'WEBHOOKS_TABLE',
        'PHOTOS_BUCKET',
        'CONNECTIONS_API_ENDPOINT',
        'REKOGNITION_COLLECTION_PREFIX',
      ),
      ...RING_SETTINGS,
    });
    expect(variables('on-doorbell-message')).toEqual({
      ...common('on-doorbell-message'),
      ...pick('RING_WINDOWS_TABLE', 'ACCESS_CODES_TABLE', 'PHOTOS_BUCKET', 'CONNECTIONS_API_ENDPOINT', 'WEBHOOK_QUEUE_URL'),
      ...RING_SETTINGS,
    });
    expect(variables('identify')).toEqual({
      ...common('identify'),
      ...pick('RINGS_TABLE', 'VISITORS_TABLE', 'PHOTOS_BUCKET', 'REKOGNITION_COLLECTION_PREFIX'),
      ...RING_SETTINGS,
    });
    expect(variables('announce')).toEqual({
      ...common('announce'),
      ...pick('RINGS_TABLE', 'CONNECTIONS_TABLE', 'DEVICES_TABLE', 'ACCESS_CODES_TABLE', 'PHOTOS_BUCKET', 'CONNECTIONS_API_ENDPOINT'),
      ...RING_SETTINGS,
    });
    expect(variables('answer-window')).toEqual({ ...common('answer-window'), ...pick('RINGS_TABLE', 'ANSWERS_TABLE') });
    expect(variables('deliver-webhooks')).toEqual({
      ...common('deliver-webhooks'),
      ...pick('WEBHOOKS_TABLE', 'RINGS_TABLE', 'ANSWERS_TABLE', 'DEVICES_TABLE', 'PHOTOS_BUCKET', 'WEBHOOK_QUEUE_URL'),
      ...RING_SETTINGS,
    });
  });

  it("give identify room for cropping faces and finish within the workflow's 30 s RecordUnidentifiedRing timeout", () => {
    expect(functionResource('identify')).toMatchObject({ MemorySize: 1024 });
    expect(functionResource('identify')['Timeout']).toBeLessThan(30);
    // API Gateway's integration limit.
    for (const name of ['on-message', 'on-resident-message', 'on-doorbell-message'] as const)
      expect(functionResource(name)['Timeout']).toBeLessThan(29);
  });
});
