import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { WebSocketApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import type { LambdaFunctionName } from '../../../infrastructure/cdk/lambda-functions';
import { defaultDoorbell, resourcesOf } from './doorbell-stacks';
import { allGrants, byActionThenResource, grantsOf, overbroadManageConnections, type Grant } from './iam-statements';

const { doorbell, stateful, stateless } = defaultDoorbell();
/** The logical id of a construct's CloudFormation resource. */
const idOf = (construct: IConstruct) => Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);

// Prepare: the resources as the grants name them.
const arn = (table: keyof typeof doorbell.stateful.tables) => `<${idOf(doorbell.stateful.tables[table])}.Arn>`;
const bucket = `<${idOf(doorbell.stateful.photos)}.Arn>`;
const photos = `${bucket}/rings/*`;
const secret = `<${idOf(doorbell.stateful.deviceTokenSecret)}>`;
const apiId = idOf(doorbell.stateless.webSocket.api);
const postToConnection = `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${apiId}>/prod/POST/@connections/*`;
const collections = 'arn:<AWS::Partition>:rekognition:<AWS::Region>:<AWS::AccountId>:collection/Doorbell_*';
const ringWorkflow = `<${idOf(doorbell.stateless.workflow.stateMachine)}>`;
const webhookQueue = `<${idOf(doorbell.stateless.webhooks.queue)}.Arn>`;

const fn = (name: LambdaFunctionName) => doorbell.stateless.functions[name];
const roleOf = (name: LambdaFunctionName) => idOf(fn(name).executionRole);
const logsOf = (name: LambdaFunctionName) => `<${idOf(fn(name).logs)}.Arn>`;
const grants = (name: LambdaFunctionName) => grantsOf(stateless, roleOf(name), stateful);
const expected = (name: LambdaFunctionName, pairs: readonly [string, string][]): Grant[] =>
  [['logs:CreateLogStream', logsOf(name)] as const, ['logs:PutLogEvents', logsOf(name)] as const, ...pairs]
    .map(([action, resource]) => ({ action, resource }))
    .sort(byActionThenResource);

describe('least privilege, function by function (actions and resources, nothing more)', () => {
  it('authorizer: reads a device and the token key', () => {
    expect(grants('authorizer')).toEqual(
      expected('authorizer', [
        ['dynamodb:GetItem', arn('devices')],
        ['secretsmanager:GetSecretValue', secret],
      ]),
    );
  });

  it('on-connect only puts a connection; on-disconnect only deletes one', () => {
    expect(grants('on-connect')).toEqual(expected('on-connect', [['dynamodb:PutItem', arn('connections')]]));
    expect(grants('on-disconnect')).toEqual(expected('on-disconnect', [['dynamodb:DeleteItem', arn('connections')]]));
  });

  it('on-message (ping, $default): nothing but the reply', () => {
    expect(grants('on-message')).toEqual(expected('on-message', [['execute-api:ManageConnections', postToConnection]]));
  });

  it('on-doorbell-message: the ring window, presigned uploads, the codes, the reply; nothing that reads rings, visitors or faces', () => {
    expect(grants('on-doorbell-message')).toEqual(
      expected('on-doorbell-message', [
        ['dynamodb:GetItem', arn('ringWindows')],
        ['dynamodb:PutItem', arn('ringWindows')],
        ['dynamodb:Query', arn('accessCodes')],
        ['dynamodb:PutItem', arn('accessCodes')],
        ['s3:PutObject', photos],
        ['execute-api:ManageConnections', postToConnection],
        ['sqs:SendMessage', webhookQueue],
      ]),
    );
  });

  it('deliver-webhooks: consume the webhook queue and re-send to it, the webhooks, the ring to build a body; nothing that tells devices', () => {
    expect(grants('deliver-webhooks')).toEqual(
      expected('deliver-webhooks', [
        ['dynamodb:Query', arn('webhooks')],
        ['dynamodb:GetItem', arn('webhooks')],
        ['dynamodb:PutItem', arn('webhooks')],
        ['dynamodb:GetItem', arn('rings')],
        ['dynamodb:GetItem', arn('devices')],
        ['dynamodb:GetItem', arn('answers')],
        ['s3:GetObject', photos],
        ['sqs:SendMessage', webhookQueue],
        ...['ReceiveMessage', 'ChangeMessageVisibility', 'GetQueueUrl', 'DeleteMessage', 'GetQueueAttributes'].map(
          (action) => [`sqs:${action}`, webhookQueue] as [string, string],
        ),
      ]),
    );
  });

  it('on-resident-message: history, answers (told to the household, resuming the run), the visitor and webhook actions; never an upload', () => {
    expect(grants('on-resident-message')).toEqual(
      expected('on-resident-message', [
        ['dynamodb:Query', arn('devices')],
        ['dynamodb:Query', `${arn('rings')}/index/byTime`],
        ['dynamodb:GetItem', arn('rings')],
        ['dynamodb:GetItem', arn('devices')],
        ['dynamodb:GetItem', arn('answers')],
        ['dynamodb:UpdateItem', arn('answers')],
        ['dynamodb:Query', `${arn('connections')}/index/byHousehold`],
        ['dynamodb:DeleteItem', arn('connections')],
        ['s3:GetObject', photos],
        ['execute-api:ManageConnections', postToConnection],
        ['dynamodb:Query', arn('visitors')],
        ['dynamodb:PutItem', arn('visitors')],
        ['dynamodb:DeleteItem', arn('visitors')],
        ['dynamodb:Query', arn('webhooks')],
        ['dynamodb:GetItem', arn('webhooks')],
        ['dynamodb:PutItem', arn('webhooks')],
        ['dynamodb:DeleteItem', arn('webhooks')],
        ['rekognition:CreateCollection', collections],
        ['rekognition:IndexFaces', collections],
        ['rekognition:ListFaces', collections],
        ['rekognition:DeleteFaces', collections],
        ['states:SendTaskSuccess', ringWorkflow],
      ]),
    );
    // Enrolment, never a scan: identifying rings stays identify's.
    const actions = grants('on-resident-message').map((grant) => grant.action);
    for (const scanOnly of ['DetectFaces', 'SearchFacesByImage']) expect(actions).not.toContain(`rekognition:${scanOnly}`);
  });

  it('identify may list the photo bucket under rings/ only (so that a missing photo is 404, not 403)', () => {
    const statements = Object.values(resourcesOf(stateless, 'AWS::IAM::Policy')).flatMap(
      (policy) => (policy.Properties['PolicyDocument'] as { Statement: { Action: unknown; Condition?: unknown }[] }).Statement,
    );
    const listing = statements.filter((statement) => JSON.stringify(statement.Action).includes('s3:ListBucket'));
    expect(listing).toHaveLength(1);
    expect(listing[0]!.Condition).toEqual({ StringLike: { 's3:prefix': ['rings/*'] } });
  });

  it('answer-window: the ring, its answer and waiting token, and the callback to its own run', () => {
    expect(grants('answer-window')).toEqual(
      expected('answer-window', [
        ['dynamodb:GetItem', arn('rings')],
        ['dynamodb:GetItem', arn('answers')],
        ['dynamodb:UpdateItem', arn('answers')],
        ['states:SendTaskSuccess', ringWorkflow],
      ]),
    );
  });

  it('identify: the photo, the ring (conditional put), the visitors, and only the two Rekognition calls of a scan', () => {
    expect(grants('identify')).toEqual(
      expected('identify', [
        ['s3:GetObject', photos],
        ['s3:ListBucket', bucket],
        ['dynamodb:GetItem', arn('rings')],
        ['dynamodb:PutItem', arn('rings')],
        ['dynamodb:Query', arn('visitors')],
        ['rekognition:DetectFaces', '*'],
        ['rekognition:SearchFacesByImage', collections],
      ]),
    );
    const actions = grants('identify').map((grant) => grant.action);
    for (const enrolmentOnly of ['IndexFaces', 'CreateCollection', 'DeleteFaces', 'ListFaces']) {
      expect(actions).not.toContain(`rekognition:${enrolmentOnly}`);
    }
  });

  it('announce: claims the ring, reads the doorbell, lists connections through the household index, prunes, pushes', () => {
    expect(grants('announce')).toEqual(
      expected('announce', [
        ['dynamodb:GetItem', arn('rings')],
        ['dynamodb:UpdateItem', arn('rings')],
        ['dynamodb:GetItem', arn('devices')],
        ['dynamodb:PutItem', arn('accessCodes')],
        ['dynamodb:Query', `${arn('connections')}/index/byHousehold`],
        ['dynamodb:DeleteItem', arn('connections')],
        ['s3:GetObject', photos],
        ['execute-api:ManageConnections', postToConnection],
      ]),
    );
  });

  it('the state machine may invoke identify, announce and answer-window, nothing else', () => {
    const role = idOf(doorbell.stateless.workflow.stateMachine.role);
    const invokes = grantsOf(stateless, role).filter((grant) => grant.action.startsWith('lambda:'));
    expect(invokes).toEqual(
      [
        { action: 'lambda:InvokeFunction', resource: `<${idOf(fn('announce'))}.Arn>` },
        { action: 'lambda:InvokeFunction', resource: `<${idOf(fn('identify'))}.Arn>` },
        { action: 'lambda:InvokeFunction', resource: `<${idOf(fn('answer-window'))}.Arn>` },
      ].sort(byActionThenResource),
    );
  });

  it("leaves the state machine unnamed (a replacement can't collide), the callback grants pointing at exactly it", () => {
    const machine = resourcesOf(stateless, 'AWS::StepFunctions::StateMachine')[idOf(doorbell.stateless.workflow.stateMachine)]!;
    expect(machine.Properties).not.toHaveProperty('StateMachineName');
    const callbacks = [...allGrants(stateless, stateful).values()].flat().filter((grant) => grant.action === 'states:SendTaskSuccess');
    expect(callbacks).toEqual([
      { action: 'states:SendTaskSuccess', resource: ringWorkflow },
      { action: 'states:SendTaskSuccess', resource: ringWorkflow },
    ]);
  });

  it('has no wildcard resource except where AWS offers nothing narrower', () => {
    const wildcards = [...allGrants(stateless, stateful)].flatMap(([role, list]) =>
      list
        .filter((grant) => grant.resource.includes('*'))
        .map((grant) => `${role.replace(/[0-9A-F]{8}$/, '')} ${grant.action} ${grant.resource}`),
    );
    const stateMachineRole = 'RingWorkflowStateMachineRole';
    const pageUploader = idOf(doorbell.stateless.pages[0]!.deployment.handlerRole).replace(/[0-9A-F]{8}$/, '');
    const cdkAssets = 'arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*';
    const pagesBucket = `<${idOf(doorbell.stateful.pageHosting.bucket)}.Arn>`;
    expect(wildcards.sort()).toEqual(
      [
        // Photo keys are minted at run time: the rings/ prefix of the one bucket.
        `OnResidentMessageRole s3:GetObject ${photos}`,
        `OnDoorbellMessageRole s3:PutObject ${photos}`,
        `IdentifyRole s3:GetObject ${photos}`,
        `AnnounceRole s3:GetObject ${photos}`,
        `DeliverWebhooksRole s3:GetObject ${photos}`,
        // Connection ids are known at run time: POST @connections of this API and stage.
        `OnMessageRole execute-api:ManageConnections ${postToConnection}`,
        `OnResidentMessageRole execute-api:ManageConnections ${postToConnection}`,
        `OnDoorbellMessageRole execute-api:ManageConnections ${postToConnection}`,
        `AnnounceRole execute-api:ManageConnections ${postToConnection}`,
        // DetectFaces has no resource type; collections are per household, under the deployment's prefix.
        'IdentifyRole rekognition:DetectFaces *',
        `IdentifyRole rekognition:SearchFacesByImage ${collections}`,
        ...['CreateCollection', 'DeleteFaces', 'IndexFaces', 'ListFaces'].map(
          (action) => `OnResidentMessageRole rekognition:${action} ${collections}`,
        ),
        // Step Functions' log delivery and X-Ray have no resource-level permissions.
        ...[
          'logs:CreateLogDelivery',
          'logs:DeleteLogDelivery',
          'logs:DescribeLogGroups',
          'logs:DescribeResourcePolicies',
          'logs:GetLogDelivery',
          'logs:ListLogDeliveries',
          'logs:PutResourcePolicy',
          'logs:UpdateLogDelivery',
          'xray:GetSamplingRules',
          'xray:GetSamplingTargets',
          'xray:PutTelemetryRecords',
          'xray:PutTraceSegments',
        ].map((action) => `${stateMachineRole} ${action} *`),
        // CDK's uploader of the pages (BucketDeployment, deploy time only): the assets it reads, the pages bucket it syncs,
        // and CloudFront's invalidation actions, which CDK grants on any distribution.
        ...['s3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => `${pageUploader} ${action} ${cdkAssets}`),
        ...[
          's3:Abort*',
          's3:DeleteObject*',
          's3:GetBucket*',
          's3:GetObject*',
          's3:List*',
          's3:PutObject',
          's3:PutObjectLegalHold',
          's3:PutObjectRetention',
          's3:PutObjectTagging',
          's3:PutObjectVersionTagging',
        ].map((action) => `${pageUploader} ${action} ${pagesBucket}/*`),
        `${pageUploader} cloudfront:CreateInvalidation *`,
        `${pageUploader} cloudfront:GetInvalidation *`,
      ].sort(),
    );
  });
});

describe('execute-api:ManageConnections', () => {
  it('is granted on POST @connections of this API and stage prod only', () => {
    const all = [...allGrants(stateless, stateful).values()].flat();
    // The three message functions and announce.
    expect(all.filter((grant) => grant.action === 'execute-api:ManageConnections').map((grant) => grant.resource)).toEqual(
      Array(4).fill(postToConnection),
    );
    expect(overbroadManageConnections(all, apiId, 'prod')).toEqual([]);
  });

  it("the check fails on the original project's grant (`*/*`) and on CDK's grantManageConnections", () => {
    // Prepare: a stack granting what the original project granted, and what CDK's convenience grant gives.
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Overbroad');
    const api = new WebSocketApi(stack, 'Api');
    const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: [`arn:aws:execute-api:*:*:${'*/*'}`] }),
    );
    api.grantManageConnections(role);

    // Act
    const found = overbroadManageConnections(grantsOf(Template.fromStack(stack), idOf(role)), idOf(api), 'prod');

    // Assess
    expect(found.map((grant) => grant.resource).sort()).toEqual([
      `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${idOf(api)}>/*/*/@connections/*`,
      'arn:aws:execute-api:*:*:*/*',
    ]);
  });
});
