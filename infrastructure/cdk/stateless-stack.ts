import path from 'node:path';
import { ArnFormat, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { CONNECTIONS_BY_HOUSEHOLD_INDEX, RINGS_BY_TIME_INDEX } from '../../adapters/dynamodb/table-definitions';
import { checkCollectionPrefix } from '../../adapters/rekognition/collection-id';
import { ringSettings, type RingSettings } from '../../application/settings';
import { PHOTO_KEY_PREFIX } from '../../domain/photo-key';
import { acknowledgeWildcardResource } from './acknowledge';
import { ApiGatewayCloudWatchRole } from './constructs/api-gateway-cloudwatch-role';
import { DoorbellAlarms } from './constructs/doorbell-alarms';
import { DoorbellFunction } from './constructs/doorbell-function';
import { DoorbellWebSocketApi } from './constructs/doorbell-websocket-api';
import { RingWorkflow } from './constructs/ring-workflow';
import {
  environmentOf,
  LAMBDA_DIR,
  LAMBDA_FUNCTION_NAMES,
  lambdaRoot,
  sizingOf,
  ringSettingVariables,
  type LambdaFunctionName,
  type ResourceVariable,
} from './lambda-functions';
import { MESSAGE_ROUTES } from '../lambdas/message-routes';
import { faceModelEnvironment, grantFaceModel, isRecognizing } from './face-model-bindings';
import type { BundledRecognizer } from './lambda-bundle-options';
import { OUTPUTS } from './outputs';
import type { StatefulStack } from './stateful-stack';

export { OUTPUTS };

export interface StatelessStackProps extends StackProps {
  readonly stateful: StatefulStack;
  readonly stageName: string;
  readonly retentionDays: number;
  /** Rekognition collections are `${prefix}${household}`; identify may search only those. */
  readonly collectionPrefix: string;
  readonly throttle: ThrottleSettings;
  /** The other ring-flow tunables (retention comes from `retentionDays`). */
  readonly ringSettings?: Partial<Omit<RingSettings, 'retentionDays'>>;
  readonly alarmEmail?: string;
  /** Set API Gateway's account-wide CloudWatch Logs role (needed once per account and region for access logs). */
  readonly apiGatewayCloudWatchRole: boolean;
  /** Browser origins the authorizer lets connect (ALLOWED_ORIGINS); unset: any origin. */
  readonly allowedOrigins?: readonly string[];
  /** Rekognition (default), or the face model in identify and on-resident-message (face-model-bindings.ts). */
  readonly recognizer?: BundledRecognizer;
}

/**
 * The code and its wiring, redeployable at will: the seven functions, the WebSocket API, the ring workflow and its
 * trigger, and the alarms. Every permission is granted right after the function that needs it, narrowed to the
 * actions its use cases call and to the resources (and indexes) they touch.
 */
export class StatelessStack extends Stack {
  readonly functions: { readonly [K in LambdaFunctionName]: DoorbellFunction };
  readonly webSocket: DoorbellWebSocketApi;
  readonly workflow: RingWorkflow;
  readonly alarms: DoorbellAlarms;
  /** Rekognition collections of this deployment are `${collectionPrefix}${household}`. */
  readonly collectionPrefix: string;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, { description: 'Doorbell: functions, WebSocket API, ring workflow, alarms', ...props });
    const { stateful } = props;
    this.collectionPrefix = checkCollectionPrefix(props.collectionPrefix);
    const { tables, photos, deviceTokenSecret } = stateful;
    this.addStackDependency(stateful);

    this.webSocket = new DoorbellWebSocketApi(this, 'WebSocket', { stageName: props.stageName, throttle: props.throttle });
    if (props.apiGatewayCloudWatchRole) {
      const logging = new ApiGatewayCloudWatchRole(this, 'ApiGatewayCloudWatchRole');
      this.webSocket.stage.node.addDependency(logging.account);
    }

    const values: Record<ResourceVariable, string> = {
      CONNECTIONS_TABLE: tables.connections.tableName,
      RINGS_TABLE: tables.rings.tableName,
      RING_WINDOWS_TABLE: tables.ringWindows.tableName,
      VISITORS_TABLE: tables.visitors.tableName,
      DEVICES_TABLE: tables.devices.tableName,
      ACCESS_CODES_TABLE: tables.accessCodes.tableName,
      ANSWERS_TABLE: tables.answers.tableName,
      PHOTOS_BUCKET: photos.bucketName,
      CONNECTIONS_API_ENDPOINT: this.webSocket.connectionsEndpoint,
      DEVICE_TOKEN_SECRET_ARN: deviceTokenSecret.secretArn,
      REKOGNITION_COLLECTION_PREFIX: this.collectionPrefix,
    };
    const ringSettingValues = ringSettings({ ...props.ringSettings, retentionDays: props.retentionDays });
    const settings = ringSettingVariables(ringSettingValues);
    const recognizer = props.recognizer ?? 'rekognition';
    const make = (name: LambdaFunctionName) => {
      const root = lambdaRoot(name);
      const sizing = sizingOf(name, recognizer);
      return new DoorbellFunction(this, functionId(name), {
        entry: path.join(LAMBDA_DIR, root.entry),
        serviceName: root.serviceName,
        description: `Doorbell ${name}`,
        environment: {
          ...environmentOf(root, values, settings),
          ...(name === 'authorizer' && props.allowedOrigins && { ALLOWED_ORIGINS: props.allowedOrigins.join(',') }),
          ...(recognizer === 'model' && faceModelEnvironment(name, stateful)),
        },
        ...(recognizer === 'model' && isRecognizing(name) && { recognizer }),
        memorySize: sizing.memorySize,
        timeout: sizing.timeout,
        ...(sizing.nativeModules && { nativeModules: sizing.nativeModules }),
      });
    };
    const fns = Object.fromEntries(LAMBDA_FUNCTION_NAMES.map((name) => [name, make(name)])) as {
      [K in LambdaFunctionName]: DoorbellFunction;
    };
    this.functions = fns;

    const allow = (fn: DoorbellFunction, actions: string[], resources: string[]) =>
      fn.addToRolePolicy(new PolicyStatement({ actions, resources }));
    const index = (table: Table, name: string) => `${table.tableArn}/index/${name}`;
    // Telling a household: its live connections through the index, the push, pruning the gone ones.
    const allowBroadcast = (fn: DoorbellFunction) => {
      allow(fn, ['dynamodb:Query'], [index(tables.connections, CONNECTIONS_BY_HOUSEHOLD_INDEX)]);
      allow(fn, ['dynamodb:DeleteItem'], [tables.connections.tableArn]);
      this.webSocket.grantPostToConnection(fn);
    };
    // Calling back a waiting run: granted once the workflow exists (below), each in a policy of its own.
    const callsBack: DoorbellFunction[] = [];
    const photoObjects = photos.arnForObjects(`${PHOTO_KEY_PREFIX}*`);
    const allowPhotos = (fn: DoorbellFunction, actions: string[]) => {
      allow(fn, actions, [photoObjects]);
      acknowledgeWildcardResource(
        fn.executionRole,
        photoObjects,
        'Photo keys are minted per ring at run time; the grant is confined to the rings/ prefix of the one photo bucket, ' +
          'the narrowest scope possible.',
      );
    };

    // authorizer: the device (is it registered, not revoked?) and the key that verifies its token.
    allow(fns.authorizer, ['dynamodb:GetItem'], [tables.devices.tableArn]);
    allow(fns.authorizer, ['secretsmanager:GetSecretValue'], [deviceTokenSecret.secretArn]);

    // on-connect / on-disconnect: one connection row each.
    allow(fns['on-connect'], ['dynamodb:PutItem'], [tables.connections.tableArn]);
    allow(fns['on-disconnect'], ['dynamodb:DeleteItem'], [tables.connections.tableArn]);

    // The message functions, split by the roles table (infrastructure/lambdas/message-routes.ts). on-message answers
    // ping and $default: nothing but the reply.
    this.webSocket.grantPostToConnection(fns['on-message']);

    // on-doorbell-message: requestUpload (the ring window's compare-and-set, a presigned PUT; presigning signs with
    // the function's own credentials, so the link can do only what the function may) and verifyCode (the
    // household's codes and their compare-and-set); replies to the sender. Nothing that reads rings or visitors.
    const doorbellMessages = fns['on-doorbell-message'];
    allow(doorbellMessages, ['dynamodb:GetItem', 'dynamodb:PutItem'], [tables.ringWindows.tableArn]);
    allow(doorbellMessages, ['dynamodb:Query', 'dynamodb:PutItem'], [tables.accessCodes.tableArn]);
    allowPhotos(doorbellMessages, ['s3:PutObject']);
    this.webSocket.grantPostToConnection(doorbellMessages);

    // on-resident-message: history (rings newest first through their index, the household's devices, snapshot
    // links); answer (the ring and the answering device, the first answer (conditional update) and the waiting
    // run's token, the household's connections (the answer goes to all of them), and the callback to the run).
    // (Who the sender is comes from the authorizer's context, not from the devices table.)
    const residentMessages = fns['on-resident-message'];
    allow(residentMessages, ['dynamodb:Query'], [tables.devices.tableArn, index(tables.rings, RINGS_BY_TIME_INDEX)]);
    allow(residentMessages, ['dynamodb:GetItem'], [tables.rings.tableArn, tables.devices.tableArn]);
    allow(residentMessages, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [tables.answers.tableArn]);
    allowBroadcast(residentMessages);
    allowPhotos(residentMessages, ['s3:GetObject']);
    callsBack.push(residentMessages);
    const collections = this.formatArn({
      service: 'rekognition',
      resource: 'collection',
      resourceName: `${props.collectionPrefix}*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const acknowledgeCollections = (fn: DoorbellFunction) =>
      acknowledgeWildcardResource(
        fn.executionRole,
        collections,
        'One Rekognition collection per household, created on first enrolment; the grant covers only the collections ' +
          'named with this deployment prefix.',
      );
    // …and the visitor actions (the dashboard): list, enroll (find by name, save; index the faces, creating the
    // household's collection on its first enrolment) and forget (list and delete the faces, remove).
    allow(residentMessages, ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], [tables.visitors.tableArn]);
    if (recognizer === 'rekognition') {
      allow(
        residentMessages,
        ['rekognition:CreateCollection', 'rekognition:IndexFaces', 'rekognition:ListFaces', 'rekognition:DeleteFaces'],
        [collections],
      );
      acknowledgeCollections(residentMessages);
    }

    // identify: read the photo, record the ring (conditional put), the household's visitors, and the two
    // Rekognition calls of a scan (enrolment's IndexFaces/CreateCollection/DeleteFaces/ListFaces run from the CLI
    // with the operator's credentials or on-resident-message for a resident, never here).
    allowPhotos(fns.identify, ['s3:GetObject']);
    // Listing under rings/ is what makes S3 answer a missing photo 404 (read as missing: the ring is announced as
    // "someone is at the door") instead of 403 AccessDenied (an error, and an alarm).
    fns.identify.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [photos.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${PHOTO_KEY_PREFIX}*`] } },
      }),
    );
    allow(fns.identify, ['dynamodb:GetItem', 'dynamodb:PutItem'], [tables.rings.tableArn]);
    allow(fns.identify, ['dynamodb:Query'], [tables.visitors.tableArn]);
    if (recognizer === 'rekognition') {
      // DetectFaces in a policy of its own, acknowledged there only: a wildcard added to the role later is still
      // reported, rather than hiding behind this acknowledgement.
      const detectFaces = new Policy(this, 'IdentifyDetectFaces', {
        statements: [new PolicyStatement({ actions: ['rekognition:DetectFaces'], resources: ['*'] })],
      });
      detectFaces.attachToRole(fns.identify.executionRole);
      acknowledgeWildcardResource(
        detectFaces,
        '*',
        'Rekognition DetectFaces takes the image bytes and touches no collection, so it supports no resource-level permission at all.',
      );
      allow(fns.identify, ['rekognition:SearchFacesByImage'], [collections]);
      acknowledgeCollections(fns.identify);
    } else {
      grantFaceModel(fns, stateful);
    }

    // announce: claim the ring, the doorbell's name, a snapshot link, every live connection of the household
    // (through the index), push, and prune the gone ones; then one access code per trusted visitor (conditional put).
    allow(fns.announce, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [tables.rings.tableArn]);
    allow(fns.announce, ['dynamodb:GetItem'], [tables.devices.tableArn]);
    allow(fns.announce, ['dynamodb:PutItem'], [tables.accessCodes.tableArn]);
    allowBroadcast(fns.announce);
    allowPhotos(fns.announce, ['s3:GetObject']);

    // answer-window: keep the wait's token with the ring (and read an answer that came first, resuming the run at
    // once), or record the ring unanswered at the timeout.
    allow(fns['answer-window'], ['dynamodb:GetItem'], [tables.rings.tableArn]);
    allow(fns['answer-window'], ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [tables.answers.tableArn]);
    callsBack.push(fns['answer-window']);

    // The devices' API.
    this.webSocket.connect(fns['on-connect'], fns.authorizer);
    this.webSocket.disconnect(fns['on-disconnect']);
    this.webSocket.messages(Object.entries(MESSAGE_ROUTES).map(([routeKey, name]) => ({ routeKey, handler: fns[name] })));

    // A photo under rings/ starts the ring workflow, which may invoke identify, announce and answer-window, nothing else.
    this.workflow = new RingWorkflow(this, 'RingWorkflow', {
      identify: fns.identify,
      announce: fns.announce,
      answerWindow: fns['answer-window'],
      answerTimeout: Duration.millis(ringSettingValues.answerWindow),
      photosBucketName: photos.bucketName,
    });

    // The state machine names the functions it invokes, so a function's own role policy (which the function
    // depends on) may not name the state machine: a separate policy, attached to the role, breaks the cycle without
    // fixing the state machine's name.
    for (const fn of callsBack) {
      new Policy(this, `${fn.node.id}CallsBackRingWorkflow`, {
        statements: [new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [this.workflow.stateMachine.stateMachineArn] })],
      }).attachToRole(fn.executionRole);
    }

    this.alarms = new DoorbellAlarms(this, 'Alarms', props.alarmEmail ? { email: props.alarmEmail } : {});
    for (const name of LAMBDA_FUNCTION_NAMES) this.alarms.watchFunction(functionId(name), fns[name]);
    this.alarms.watchStateMachine(this.workflow.stateMachine);
    this.alarms.watchDeadLetterQueue(this.workflow.deadLetterQueue);

    const output = (key: keyof typeof OUTPUTS, value: string, description: string) =>
      new CfnOutput(this, OUTPUTS[key], { value, description });
    output('webSocketUrl', this.webSocket.url, 'Where devices connect: wss://…/prod?token=<device token>');
    output(
      'connectionsApiEndpoint',
      this.webSocket.connectionsEndpoint,
      'The management API that pushes to connections (CONNECTIONS_API_ENDPOINT)',
    );
    output('photosBucketName', photos.bucketName, 'Ring photos (rings/…), private, reached through presigned links');
    output('connectionsTableName', tables.connections.tableName, 'DynamoDB: live device connections (CONNECTIONS_TABLE)');
    output('ringsTableName', tables.rings.tableName, 'DynamoDB: rings, the history (RINGS_TABLE)');
    output('ringWindowsTableName', tables.ringWindows.tableName, "DynamoDB: each doorbell's debounce window (RING_WINDOWS_TABLE)");
    output('visitorsTableName', tables.visitors.tableName, 'DynamoDB: enrolled visitors (VISITORS_TABLE)');
    output('devicesTableName', tables.devices.tableName, 'DynamoDB: registered devices (DEVICES_TABLE)');
    output(
      'deviceTokenSecretArn',
      deviceTokenSecret.secretArn,
      'Secrets Manager: the key that signs device tokens (DEVICE_TOKEN_SECRET_ARN)',
    );
    output(
      'rekognitionCollectionPrefix',
      props.collectionPrefix,
      'Rekognition collections are this prefix + the household (REKOGNITION_COLLECTION_PREFIX)',
    );
    output('alarmTopicArn', this.alarms.topic.topicArn, 'SNS topic every alarm notifies: subscribe to hear about unannounced rings');
    output(
      'stateMachineArn',
      this.workflow.stateMachine.stateMachineArn,
      'The ring workflow (Step Functions), one execution per ring photo',
    );
    output('region', this.region, 'The AWS region of the deployment');
  }
}

/** `on-message` → `OnMessage`: the construct id (and alarm name) of a function. */
export function functionId(name: LambdaFunctionName): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
