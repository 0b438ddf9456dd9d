import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { LAMBDA_FUNCTION_NAMES } from '../../../infrastructure/cdk/lambda-functions';
import { OUTPUTS, pageUrlOutput } from '../../../infrastructure/cdk/outputs';
import { BROWSER_PAGES } from '../../../infrastructure/local/page-bundle';
import { defaultDoorbell, resourcesOf, synthesizeDoorbell } from './doorbell-stacks';
import { render } from './iam-statements';

const { doorbell, stateful, stateless } = defaultDoorbell();
const idOf = (construct: IConstruct) => Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
const topic = { Ref: idOf(doorbell.stateless.alarms.topic) };

/** The alarms as "namespace metric dimension-value", each checked to notify the topic. */
function alarms(template = stateless) {
  return Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map(({ Properties: alarm }) => {
    // Counts alarm from one; the webhook queue's age alarm past 30 minutes (an age of one second is normal).
    const age = alarm['MetricName'] === 'ApproximateAgeOfOldestMessage';
    expect(alarm).toMatchObject({
      AlarmActions: [topic],
      ComparisonOperator: age ? 'GreaterThanThreshold' : 'GreaterThanOrEqualToThreshold',
      Threshold: age ? 1800 : 1,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    const dimensions = (alarm['Dimensions'] as { Value: unknown }[]).map((dimension) => render(dimension.Value));
    return `${String(alarm['Namespace'])} ${String(alarm['MetricName'])} ${dimensions.join(',')}`;
  });
}

describe('alarms', () => {
  it("watch every function's errors and throttles, failed and timed-out runs, the dead-letter queues and the webhook queue's age", () => {
    const fn = (name: (typeof LAMBDA_FUNCTION_NAMES)[number]) => `<${idOf(doorbell.stateless.functions[name])}>`;
    const machine = `<${idOf(doorbell.stateless.workflow.stateMachine)}>`;
    const queue = `<${idOf(doorbell.stateless.workflow.deadLetterQueue)}.QueueName>`;
    const webhookQueue = `<${idOf(doorbell.stateless.webhooks.queue)}.QueueName>`;
    const webhookDeadLetters = `<${idOf(doorbell.stateless.webhooks.deadLetterQueue)}.QueueName>`;
    expect(alarms().sort()).toEqual(
      [
        ...LAMBDA_FUNCTION_NAMES.flatMap((name) => [`AWS/Lambda Errors ${fn(name)}`, `AWS/Lambda Throttles ${fn(name)}`]),
        `AWS/States ExecutionsFailed ${machine}`,
        `AWS/States ExecutionsTimedOut ${machine}`,
        `AWS/SQS ApproximateNumberOfMessagesVisible ${queue}`,
        `AWS/SQS ApproximateNumberOfMessagesVisible ${webhookDeadLetters}`,
        `AWS/SQS ApproximateAgeOfOldestMessage ${webhookQueue}`,
      ].sort(),
    );
  });

  it("notify an SNS topic encrypted with a rotating key that CloudWatch may use for this account's alarms only, TLS only", () => {
    const key = idOf(doorbell.stateless.alarms.topic.masterKey!);
    stateless.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    const keyResource = resourcesOf(stateless, 'AWS::KMS::Key')[key]!.Properties;
    expect(keyResource['EnableKeyRotation']).toBe(true);
    expect((keyResource['KeyPolicy'] as { Statement: unknown[] }).Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnLike: {
              'aws:SourceArn': {
                'Fn::Join': [
                  '',
                  ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*'],
                ],
              },
            },
          },
        }),
      ]),
    );
    const topicPolicy = Object.values(resourcesOf(stateless, 'AWS::SNS::TopicPolicy'))[0]!.Properties['PolicyDocument'] as {
      Statement: unknown[];
    };
    expect(topicPolicy.Statement).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    );
  });

  it('subscribe an e-mail address when one is given (context doorbell:alarmEmail)', () => {
    expect(resourcesOf(stateless, 'AWS::SNS::Subscription')).toEqual({});
    const withEmail = synthesizeDoorbell({ alarmEmail: 'ops@example.com' }).stateless;
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });
});

describe('outputs: what the CLI needs', () => {
  const outputs = () => stateless.toJSON()['Outputs'] as Record<string, { Value: unknown }>;
  const value = (key: keyof typeof OUTPUTS) => render(outputs()[OUTPUTS[key]]!.Value, stateful);

  it("are all in the stateless stack (the one `--stack` names), and only those, with each hosted page's URL", () => {
    expect(Object.keys(outputs()).sort()).toEqual([...Object.values(OUTPUTS), ...BROWSER_PAGES.map(pageUrlOutput)].sort());
    expect(pageUrlOutput('dashboard')).toBe('DashboardUrl');
    expect(pageUrlOutput('door')).toBe('DoorUrl');
  });

  it('name the endpoints, the resources and the region', () => {
    const api = idOf(doorbell.stateless.webSocket.api);
    const tables = doorbell.stateful.tables;
    expect(value('webSocketUrl')).toBe(`wss://<${api}>.execute-api.<AWS::Region>.<AWS::URLSuffix>/prod`);
    expect(value('connectionsApiEndpoint')).toBe(`https://<${api}>.execute-api.<AWS::Region>.<AWS::URLSuffix>/prod`);
    expect(value('photosBucketName')).toBe(`<${idOf(doorbell.stateful.photos)}>`);
    expect(value('connectionsTableName')).toBe(`<${idOf(tables.connections)}>`);
    expect(value('ringsTableName')).toBe(`<${idOf(tables.rings)}>`);
    expect(value('ringWindowsTableName')).toBe(`<${idOf(tables.ringWindows)}>`);
    expect(value('visitorsTableName')).toBe(`<${idOf(tables.visitors)}>`);
    expect(value('devicesTableName')).toBe(`<${idOf(tables.devices)}>`);
    expect(value('deviceTokenSecretArn')).toBe(`<${idOf(doorbell.stateful.deviceTokenSecret)}>`);
    expect(value('rekognitionCollectionPrefix')).toBe('Doorbell_');
    expect(value('alarmTopicArn')).toBe(`<${idOf(doorbell.stateless.alarms.topic)}>`);
    expect(value('stateMachineArn')).toBe(`<${idOf(doorbell.stateless.workflow.stateMachine)}>`);
    expect(value('region')).toBe('<AWS::Region>');
  });
});
