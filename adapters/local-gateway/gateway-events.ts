/**
 * The events the local gateway hands to its route handlers, shaped as API Gateway's WebSocket API hands them to
 * Lambda (proxy integration). They are written from captured events rather than from `@types/aws-lambda`, whose
 * WebSocket types claim fields the real events lack (a `messageId` on CONNECT) and miss others (`identity`,
 * `disconnectStatusCode`). Only what API Gateway sends is here, so a handler that works locally reads nothing that
 * would be missing in AWS.
 */

/** Header or query values by name: the last value of each name (`headers`), or every value (`multiValue…`). */
export type SingleValueMap = Readonly<Record<string, string>>;
export type MultiValueMap = Readonly<Record<string, readonly string[]>>;

export interface EventIdentity {
  readonly sourceIp: string;
  /** Absent when the client sent no User-Agent header. */
  readonly userAgent?: string;
}

/**
 * `requestContext.authorizer` on every event of a connection admitted by a Lambda authorizer: the authorizer's
 * `context` with each value turned into a string (API Gateway does so), its `principalId`, and how long the
 * authorizer took (`integrationLatency`, ms).
 */
export interface ConnectionAuthorizer {
  readonly principalId: string;
  readonly integrationLatency: number;
  readonly [contextKey: string]: string | number;
}

/** What every WebSocket event's `requestContext` carries. */
export interface BaseRequestContext {
  readonly routeKey: string;
  readonly eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  /** API Gateway's extended request id; the same value as `requestId` on WebSocket events. */
  readonly extendedRequestId: string;
  /** Common Log Format, `13/Dec/2020:10:17:47 +0000`. */
  readonly requestTime: string;
  readonly messageDirection: 'IN';
  readonly stage: string;
  /** Epoch milliseconds of the connection's handshake. */
  readonly connectedAt: number;
  readonly requestTimeEpoch: number;
  readonly identity: EventIdentity;
  readonly requestId: string;
  /** `host:port` the client connected to (in AWS, `{api-id}.execute-api.{region}.amazonaws.com`). */
  readonly domainName: string;
  readonly connectionId: string;
  readonly apiId: string;
}

/** The REQUEST authorizer's input for `$connect` (no `pathParameters`: a WebSocket API's path is fixed). */
export interface AuthorizerEvent {
  readonly type: 'REQUEST';
  /** `arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/$connect` */
  readonly methodArn: string;
  readonly headers: SingleValueMap;
  readonly multiValueHeaders: MultiValueMap;
  readonly queryStringParameters: SingleValueMap;
  readonly multiValueQueryStringParameters: MultiValueMap;
  readonly stageVariables: SingleValueMap;
  readonly requestContext: BaseRequestContext & { readonly routeKey: '$connect'; readonly eventType: 'CONNECT' };
}

export interface ConnectEvent {
  readonly headers: SingleValueMap;
  readonly multiValueHeaders: MultiValueMap;
  /** Present only when the handshake URL had a query string, as in AWS. */
  readonly queryStringParameters?: SingleValueMap;
  readonly multiValueQueryStringParameters?: MultiValueMap;
  readonly requestContext: BaseRequestContext & {
    readonly routeKey: '$connect';
    readonly eventType: 'CONNECT';
    /** Present when an authorizer admitted the connection. */
    readonly authorizer?: ConnectionAuthorizer;
  };
  readonly isBase64Encoded: false;
}

export interface MessageEvent {
  readonly requestContext: BaseRequestContext & {
    readonly eventType: 'MESSAGE';
    readonly messageId: string;
    readonly authorizer?: ConnectionAuthorizer;
  };
  /** The frame as sent: the text itself, or a binary frame's bytes in base64 (then `isBase64Encoded` is true). */
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

export interface DisconnectEvent {
  /** Not the handshake's headers: API Gateway sends these four, the last three empty. */
  readonly headers: SingleValueMap;
  readonly multiValueHeaders: MultiValueMap;
  readonly requestContext: BaseRequestContext & {
    readonly routeKey: '$disconnect';
    readonly eventType: 'DISCONNECT';
    readonly disconnectStatusCode: number;
    readonly disconnectReason: string;
    readonly authorizer?: ConnectionAuthorizer;
  };
  readonly isBase64Encoded: false;
}

/** One statement of an authorizer's IAM policy, as far as API Gateway reads it for `execute-api:Invoke`. */
export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Sid?: string;
}

/** What a REQUEST authorizer returns. Context values must be strings, numbers or booleans. */
export interface AuthorizerResult {
  readonly principalId: string;
  readonly policyDocument: {
    readonly Version?: string;
    readonly Statement: readonly PolicyStatement[] | PolicyStatement;
  };
  readonly context?: Readonly<Record<string, string | number | boolean>>;
}
