import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { MESSAGE_ROUTES } from '../../../infrastructure/lambdas/message-routes';
import { defaultDoorbell, resourcesOf, synthesizeDoorbell } from './doorbell-stacks';

const { doorbell, stateless } = defaultDoorbell();
const idOf = (construct: IConstruct) => Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
const apiRef = { Ref: idOf(doorbell.stateless.webSocket.api) };

/** The routes by key, with the function each one's integration invokes. */
function routes() {
  const integrations = resourcesOf(stateless, 'AWS::ApiGatewayV2::Integration');
  const functionOf = (integrationRef: string) => {
    const uri = JSON.stringify(integrations[integrationRef]?.Properties['IntegrationUri']);
    return Object.entries(doorbell.stateless.functions).find(([, fn]) => uri.includes(`"${idOf(fn)}"`))?.[0];
  };
  return Object.fromEntries(
    Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Route')).map((route) => {
      const target = String(route.Properties['Target'] ? JSON.stringify(route.Properties['Target']) : '');
      const integration = Object.keys(integrations).find((id) => target.includes(`"${id}"`));
      return [
        route.Properties['RouteKey'] as string,
        {
          fn: integration && functionOf(integration),
          authorization: route.Properties['AuthorizationType'],
          authorizer: route.Properties['AuthorizerId'],
        },
      ];
    }),
  );
}

describe('the WebSocket API', () => {
  it("routes on the message's action", () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    });
  });

  it('has $connect behind the authorizer, $disconnect, and a route per action to the function of the roles allowed it', () => {
    const authorizer = Object.keys(resourcesOf(stateless, 'AWS::ApiGatewayV2::Authorizer'))[0];
    const to = (fn: string) => ({ fn, authorization: 'NONE', authorizer: undefined });
    expect(routes()).toEqual({
      $connect: { fn: 'on-connect', authorization: 'CUSTOM', authorizer: { Ref: authorizer } },
      $disconnect: to('on-disconnect'),
      $default: to('on-message'),
      ping: to('on-message'),
      history: to('on-resident-message'),
      answer: to('on-resident-message'),
      visitors: to('on-resident-message'),
      enroll: to('on-resident-message'),
      forget: to('on-resident-message'),
      webhooks: to('on-resident-message'),
      addWebhook: to('on-resident-message'),
      removeWebhook: to('on-resident-message'),
      enableWebhook: to('on-resident-message'),
      requestUpload: to('on-doorbell-message'),
      verifyCode: to('on-doorbell-message'),
    });
  });

  it('routes exactly as the local gateway does: both build from message-routes.ts', () => {
    const deployed = Object.fromEntries(
      Object.entries(routes())
        .filter(([key]) => !['$connect', '$disconnect'].includes(key))
        .map(([key, { fn }]) => [key, fn]),
    );
    expect(deployed).toEqual(MESSAGE_ROUTES);
  });

  it('authorizes $connect with the authorizer function, reading the token from the query string', () => {
    const authorizers = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]!.Properties).toMatchObject({
      ApiId: apiRef,
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.token'],
    });
    expect(JSON.stringify(authorizers[0]!.Properties['AuthorizerUri'])).toContain(`"${idOf(doorbell.stateless.functions.authorizer)}"`);
  });

  it('lets API Gateway invoke each function only through this API, route by route', () => {
    const permissions = Object.values(resourcesOf(stateless, 'AWS::Lambda::Permission'));
    expect(permissions).toHaveLength(16); // authorizer, $connect, $disconnect, $default and the twelve actions' routes
    for (const permission of permissions) {
      expect(permission.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
      expect(JSON.stringify(permission.Properties['SourceArn'])).toContain(JSON.stringify(apiRef));
    }
  });

  it('has one stage, prod, auto-deployed, throttled, with access logs to a log group', () => {
    const stages = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    expect(stages[0]!.Properties).toMatchObject({
      ApiId: apiRef,
      StageName: 'prod',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [idOf(doorbell.stateless.webSocket.accessLogs), 'Arn'] } },
    });
    expect(stages[0]!.Properties['DefaultRouteSettings']).toMatchObject({ LoggingLevel: 'ERROR' });
    expect(stages[0]!.Properties['DefaultRouteSettings']).not.toHaveProperty('DataTraceEnabled', true);
    const format = JSON.parse((stages[0]!.Properties['AccessLogSettings'] as { Format: string }).Format) as Record<string, string>;
    expect(Object.values(format)).toEqual(
      expect.arrayContaining(['$context.requestId', '$context.error.message', '$context.authorizer.error']),
    );
    // Never the token (query string) nor a frame.
    expect(JSON.stringify(format)).not.toMatch(/querystring|body|token/i);
    stateless.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it("sets the account's API Gateway CloudWatch role before the stage (access logs need it), unless told not to", () => {
    const accounts = resourcesOf(stateless, 'AWS::ApiGateway::Account');
    expect(Object.keys(accounts)).toHaveLength(1);
    const stage = Object.values(stateless.findResources('AWS::ApiGatewayV2::Stage'))[0] as { DependsOn?: string[] };
    expect(stage.DependsOn).toEqual(expect.arrayContaining(Object.keys(accounts)));

    const without = synthesizeDoorbell({ apiGatewayCloudWatchRole: false }).stateless;
    expect(resourcesOf(without, 'AWS::ApiGateway::Account')).toEqual({});
  });

  it('hands functions the management endpoint of stage prod (https://{api}.execute-api.{region}.amazonaws.com/prod)', () => {
    const endpoint = {
      'Fn::Join': ['', ['https://', apiRef, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/prod']],
    };
    for (const name of ['on-message', 'on-resident-message', 'on-doorbell-message', 'announce'] as const) {
      const fn = resourcesOf(stateless, 'AWS::Lambda::Function')[idOf(doorbell.stateless.functions[name])]!;
      expect((fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables['CONNECTIONS_API_ENDPOINT']).toEqual(
        endpoint,
      );
    }
  });
});
