import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type CfnStage, LogGroupLogDestination, WebSocketApi, WebSocketStage, type ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResource } from '../acknowledge';
import type { DoorbellFunction } from './doorbell-function';

/** What a device sends is routed on its `action`. */
export const ROUTE_SELECTION_EXPRESSION = '$request.body.action';
/** Where the $connect authorizer finds the device token: `wss://…/prod?token=…`. */
export const TOKEN_IDENTITY_SOURCE = 'route.request.querystring.token';

/**
 * One JSON line per request. With the error message and the authorizer's error, a refused connection or a failed
 * integration says why; never the query string (it carries the device token) nor a frame's body.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTimeEpoch',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  connectionId: '$context.connectionId',
  status: '$context.status',
  sourceIp: '$context.identity.sourceIp',
  error: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  integrationError: '$context.integration.error',
  principal: '$context.authorizer.principalId',
} as const;

export interface DoorbellWebSocketApiProps {
  readonly stageName: string;
  /** Requests per second across the stage, and the burst above it. */
  readonly throttle: ThrottleSettings;
  readonly logRetention?: RetentionDays;
}

/**
 * The devices' WebSocket API and its one stage (auto-deployed, access-logged, throttled). Created before the
 * functions, whose environment needs its management endpoint; their routes are added once they exist.
 */
export class DoorbellWebSocketApi extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: DoorbellWebSocketApiProps) {
    super(scope, id);
    this.api = new WebSocketApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-devices`,
      description: 'Doorbell: devices connect with ?token=… and receive rings',
      routeSelectionExpression: ROUTE_SELECTION_EXPRESSION,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: props.stageName,
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    // Execution logs: errors only (INFO would log every frame's routing, and frames carry access codes).
    (this.stage.node.defaultChild as CfnStage).addPropertyOverride('DefaultRouteSettings.LoggingLevel', 'ERROR');
  }

  /** `wss://{api}.execute-api.{region}.amazonaws.com/{stage}`: where devices connect. */
  get url(): string {
    return this.stage.url;
  }

  /** `https://{api}.execute-api.{region}.amazonaws.com/{stage}`: the management API (`CONNECTIONS_API_ENDPOINT`). */
  get connectionsEndpoint(): string {
    return this.stage.callbackUrl;
  }

  /**
   * `execute-api:ManageConnections` for PostToConnection on this API's stage only:
   * `arn:…:execute-api:{region}:{account}:{api}/{stage}/POST/@connections/*` (the connection id is the `*`).
   */
  grantPostToConnection(fn: DoorbellFunction): void {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: [this.postToConnectionArn] }));
    acknowledgeWildcardResource(
      fn.executionRole,
      this.postToConnectionArn,
      'Connection ids are known only at run time; the grant is confined to POST @connections of this API and this stage, nothing else.',
    );
  }

  get postToConnectionArn(): string {
    return Stack.of(this).formatArn({
      service: 'execute-api',
      resource: this.api.apiId,
      resourceName: `${this.stage.stageName}/POST/@connections/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** `$connect`, guarded by the REQUEST authorizer reading the device token from the query string. */
  connect(handler: IFunction, authorizer: IFunction): void {
    this.api.addRoute('$connect', {
      integration: new WebSocketLambdaIntegration('Connect', handler),
      authorizer: new WebSocketLambdaAuthorizer('DeviceTokenAuthorizer', authorizer, { identitySource: [TOKEN_IDENTITY_SOURCE] }),
    });
  }

  disconnect(handler: IFunction): void {
    const route = this.api.addRoute('$disconnect', { integration: new WebSocketLambdaIntegration('Disconnect', handler) });
    this.acknowledgeNoRouteAuthorizer(route, '$disconnect');
  }

  /** `$default` and every message route, each to its function (one integration per function). */
  messages(routes: readonly { readonly routeKey: string; readonly handler: IFunction }[]): void {
    const integrations = new Map<IFunction, WebSocketLambdaIntegration>();
    for (const { routeKey, handler } of routes) {
      let integration = integrations.get(handler);
      if (!integration) {
        integration = new WebSocketLambdaIntegration(`${handler.node.id}Integration`, handler);
        integrations.set(handler, integration);
      }
      this.acknowledgeNoRouteAuthorizer(this.api.addRoute(routeKey, { integration }), routeKey);
    }
  }

  private acknowledgeNoRouteAuthorizer(route: Construct, routeKey: string): void {
    acknowledge(
      route,
      'AwsSolutions-APIG4',
      `API Gateway authorizes a WebSocket connection once, on $connect; ${routeKey} runs on that already authorized ` +
        'connection and cannot carry an authorizer.',
    );
  }
}
