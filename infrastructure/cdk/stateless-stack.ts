import path from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ringSettings, type RingSettings } from '../../application/settings';
import { ApiGatewayCloudWatchRole } from './constructs/api-gateway-cloudwatch-role';
import { DoorbellAlarms } from './constructs/doorbell-alarms';
import { DoorbellFunction } from './constructs/doorbell-function';
import { DoorbellWebSocketApi } from './constructs/doorbell-websocket-api';
import { FaceCollections } from './constructs/face-collections';
import { RingWorkflow } from './constructs/ring-workflow';
import { WebhookQueue } from './constructs/webhook-queue';
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
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { faceModelEnvironment, grantFaceModel, isRecognizing } from './face-model-bindings';
import type { BundledRecognizer } from './lambda-bundle-options';
import { OUTPUTS, pageUrlOutput } from './outputs';
import { PageDeployment } from './constructs/page-deployment';
import { BROWSER_PAGES } from '../local/page-bundle';
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
  /** Browser origins the authorizer lets connect besides the hosted pages' own (ALLOWED_ORIGINS). */
  readonly allowedOrigins?: readonly string[];
  /** Rekognition (default), or the face model in identify and on-resident-message (face-model-bindings.ts). */
  readonly recognizer?: BundledRecognizer;
}

/**
 * The code and its wiring, redeployable at will: the seven functions, the WebSocket API, the ring workflow and its
 * trigger, and the alarms. The permissions read as a list of what each function may do; the constructs that own the
 * resources (tables, photo bucket, key, collections, API, workflow) narrow each to its actions and resources.
 */
export class StatelessStack extends Stack {
  readonly functions: { readonly [K in LambdaFunctionName]: DoorbellFunction };
  readonly webSocket: DoorbellWebSocketApi;
  readonly workflow: RingWorkflow;
  readonly alarms: DoorbellAlarms;
  /** The browser pages' uploads, one per page. */
  readonly pages: readonly PageDeployment[];
  readonly webhooks: WebhookQueue;
  /** Rekognition collections of this deployment are `${collectionPrefix}${household}`. */
  readonly collectionPrefix: string;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, { description: 'Doorbell: functions, WebSocket API, ring workflow, alarms', ...props });
    const { stateful } = props;
    const collections = new FaceCollections(this, 'FaceCollections', props.collectionPrefix);
    this.collectionPrefix = collections.prefix;
    const { tables, photos, deviceTokenSecret } = stateful;
    this.addStackDependency(stateful);

    this.webSocket = new DoorbellWebSocketApi(this, 'WebSocket', { stageName: props.stageName, throttle: props.throttle });
    if (props.apiGatewayCloudWatchRole) {
      const logging = new ApiGatewayCloudWatchRole(this, 'ApiGatewayCloudWatchRole');
      this.webSocket.stage.node.addDependency(logging.account);
    }

    this.webhooks = new WebhookQueue(this, 'Webhooks');
    const values: Record<ResourceVariable, string> = {
      CONNECTIONS_TABLE: tables.connections.tableName,
      RINGS_TABLE: tables.rings.tableName,
      RING_WINDOWS_TABLE: tables.ringWindows.tableName,
      VISITORS_TABLE: tables.visitors.tableName,
      DEVICES_TABLE: tables.devices.tableName,
      ACCESS_CODES_TABLE: tables.accessCodes.tableName,
      ANSWERS_TABLE: tables.answers.tableName,
      WEBHOOKS_TABLE: tables.webhooks.tableName,
      WEBHOOK_QUEUE_URL: this.webhooks.queue.queueUrl,
      PHOTOS_BUCKET: photos.bucketName,
      CONNECTIONS_API_ENDPOINT: this.webSocket.connectionsEndpoint,
      DEVICE_TOKEN_SECRET_ARN: deviceTokenSecret.secretArn,
      REKOGNITION_COLLECTION_PREFIX: this.collectionPrefix,
    };
    const ringSettingValues = ringSettings({ ...props.ringSettings, retentionDays: props.retentionDays });
    const settings = ringSettingVariables(ringSettingValues);
    const recognizer = props.recognizer ?? 'rekognition';
    // The hosted pages always may connect; other origins only when the deployment names them.
    const browserOrigins = [stateful.pageHosting.origin, ...(props.allowedOrigins ?? [])];
    const make = (name: LambdaFunctionName) => {
      const root = lambdaRoot(name);
      const sizing = sizingOf(name, recognizer);
      return new DoorbellFunction(this, functionId(name), {
        entry: path.join(LAMBDA_DIR, root.entry),
        serviceName: root.serviceName,
        description: `Doorbell ${name}`,
        environment: {
          ...environmentOf(root, values, settings),
          ...(name === 'authorizer' && { ALLOWED_ORIGINS: browserOrigins.join(',') }),
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

    // What each function may do, narrowed by the constructs that own the resources to the actions its use cases
    // call and to the resources (and indexes) they touch.
    const data = stateful.grants;
    const mayTellHousehold = (fn: DoorbellFunction) => {
      data.tables.grantReachHousehold(fn);
      this.webSocket.grantPostToConnection(fn);
    };

    // authorizer: is the device registered and not revoked, and the key that verifies its token.
    data.tables.grantReadDevice(fns.authorizer);
    data.deviceTokenSecret.grantVerifyDeviceTokens(fns.authorizer);

    // on-connect / on-disconnect: one connection row each.
    data.tables.grantRegisterConnection(fns['on-connect']);
    data.tables.grantForgetConnection(fns['on-disconnect']);

    // The message functions, split by the roles table (infrastructure/lambdas/message-routes.ts). on-message answers
    // ping and $default: nothing but the reply.
    this.webSocket.grantPostToConnection(fns['on-message']);

    // on-doorbell-message: requestUpload and verifyCode, replying to the sender. Nothing that reads rings or visitors.
    const doorbellMessages = fns['on-doorbell-message'];
    data.tables.grantOpenRingWindow(doorbellMessages);
    data.tables.grantVerifyAccessCodes(doorbellMessages);
    data.photos.grantIssueUploadLinks(doorbellMessages);
    this.webSocket.grantPostToConnection(doorbellMessages);

    // on-resident-message: history (with snapshot links), answer (told to every connection of the household, resuming
    // the waiting run), and the visitor actions of the dashboard. (Who the sender is comes from the authorizer's
    // context, not from the devices table.)
    const residentMessages = fns['on-resident-message'];
    data.tables.grantReadHistory(residentMessages);
    data.tables.grantReadRingAndDevice(residentMessages);
    data.tables.grantSettleAnswer(residentMessages);
    mayTellHousehold(residentMessages);
    data.photos.grantIssueSnapshotLinks(residentMessages);
    data.tables.grantManageVisitors(residentMessages);
    data.tables.grantManageWebhooks(residentMessages);
    if (recognizer === 'rekognition') collections.grantEnrolAndForget(residentMessages);

    // identify: read the photo, record the ring, the household's visitors, and scan (enrolment runs from the CLI with
    // the operator's credentials or on-resident-message for a resident, never here).
    data.photos.grantReadRingPhotos(fns.identify);
    data.tables.grantRecordRing(fns.identify);
    data.tables.grantListVisitors(fns.identify);
    // The face model instead of Rekognition: its descriptors table, and no Rekognition action at all.
    if (recognizer === 'rekognition') collections.grantScan(fns.identify);
    else grantFaceModel(fns, stateful);

    // announce: claim the ring, the doorbell's name, one access code per trusted visitor, tell the household, with a
    // snapshot link.
    data.tables.grantClaimRing(fns.announce);
    data.tables.grantReadDevice(fns.announce);
    data.tables.grantIssueAccessCodes(fns.announce);
    mayTellHousehold(fns.announce);
    data.photos.grantIssueSnapshotLinks(fns.announce);

    // answer-window: keep the wait's token with the ring (and read an answer that came first, resuming the run at
    // once), or record the ring unanswered at the timeout.
    data.tables.grantReadRing(fns['answer-window']);
    data.tables.grantSettleAnswer(fns['answer-window']);

    // deliver-webhooks: consume the webhook queue (partial batch failures), read and update webhooks, build bodies
    // from the ring, its doorbell and its answer with a snapshot link, and re-send a failed delivery with a delay.
    const deliverWebhooks = fns['deliver-webhooks'];
    data.tables.grantDeliverWebhooks(deliverWebhooks);
    data.photos.grantIssueSnapshotLinks(deliverWebhooks);
    this.webhooks.grantQueueWork(deliverWebhooks);
    deliverWebhooks.addEventSource(
      new SqsEventSource(this.webhooks.queue, { batchSize: 10, reportBatchItemFailures: true, maxBatchingWindow: Duration.seconds(1) }),
    );
    // on-doorbell-message queues each keypad attempt for the access-code webhooks.
    this.webhooks.grantQueueWork(doorbellMessages);

    // The devices' API.
    this.webSocket.connect(fns['on-connect'], fns.authorizer);
    this.webSocket.disconnect(fns['on-disconnect']);
    this.webSocket.messages(Object.entries(MESSAGE_ROUTES).map(([routeKey, name]) => ({ routeKey, handler: fns[name] })));

    // A photo under rings/ starts the ring workflow, which may invoke identify, announce and answer-window, nothing else.
    this.workflow = new RingWorkflow(this, 'RingWorkflow', {
      webhookQueueUrl: this.webhooks.queue.queueUrl,
      identify: fns.identify,
      announce: fns.announce,
      answerWindow: fns['answer-window'],
      answerTimeout: Duration.millis(ringSettingValues.answerWindow),
      photosBucketName: photos.bucketName,
    });

    // The workflow queues ring and answer events for webhooks itself (an SQS service integration).
    this.webhooks.grantQueueWork(this.workflow.stateMachine);

    // Answering a ring resumes its waiting run, from the resident's answer or from the answer window.
    this.workflow.grantCallBack(residentMessages);
    this.workflow.grantCallBack(fns['answer-window']);

    this.alarms = new DoorbellAlarms(this, 'Alarms', props.alarmEmail ? { email: props.alarmEmail } : {});
    for (const name of LAMBDA_FUNCTION_NAMES) this.alarms.watchFunction(functionId(name), fns[name]);
    this.alarms.watchStateMachine(this.workflow.stateMachine);
    this.alarms.watchDeadLetterQueue(this.workflow.deadLetterQueue);
    this.alarms.watchWebhookQueue(this.webhooks.queue, this.webhooks.deadLetterQueue);

    // Each browser page's files and config.json, uploaded to the pages' origin at every deployment.
    this.pages = BROWSER_PAGES.map(
      (page) =>
        new PageDeployment(this, `${page.charAt(0).toUpperCase()}${page.slice(1)}Page`, {
          page,
          bucket: stateful.pageHosting.bucket as IBucket,
          distribution: stateful.pageHosting.distribution,
          config: { webSocketUrl: this.webSocket.url },
          reach: {
            api: `${this.webSocket.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
            photos: photos.bucketRegionalDomainName,
          },
        }),
    );

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
    output('webhooksTableName', tables.webhooks.tableName, 'DynamoDB: webhooks and their signing secrets (WEBHOOKS_TABLE)');
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
    for (const page of BROWSER_PAGES) {
      new CfnOutput(this, pageUrlOutput(page), {
        value: stateful.pageHosting.pageUrl(page),
        description: `The ${page} page over HTTPS: open it on a phone (with a device token in #token=…)`,
      });
    }
  }
}

/** `on-message` → `OnMessage`: the construct id (and alarm name) of a function. */
export function functionId(name: LambdaFunctionName): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
