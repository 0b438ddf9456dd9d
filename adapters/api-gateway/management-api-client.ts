import { ApiGatewayManagementApiClient, type ApiGatewayManagementApiClientConfig } from '@aws-sdk/client-apigatewaymanagementapi';

/** The SDK's own default: what the agent allows when the caller does not say. */
const SDK_DEFAULT_MAX_SOCKETS = 50;

export type ManagementApiClientConfig = ApiGatewayManagementApiClientConfig & {
  readonly endpoint: string;
  /**
   * Sockets the HTTP agent may keep open to the endpoint: at least the push concurrency, or the pushes beyond it
   * queue for a socket inside the SDK and the concurrency limit is not the one that bounds a fan-out.
   */
  readonly maxSockets?: number;
};

/**
 * The client ApiGatewayDeviceNotifier expects: the SDK's own retries turned off (`maxAttempts: 1`), because the
 * notifier retries throttled pushes itself. With the SDK's default of 3 attempts, each of the notifier's 4 attempts
 * would be up to 3 requests: 12 in all, and the SDK's backoff hidden inside ours. Its agent keeps connections alive
 * between pushes (and between warm invocations), `maxSockets` of them.
 *
 * `endpoint` is the WebSocket API's callback URL: `https://{api-id}.execute-api.{region}.amazonaws.com/{stage}`.
 */
export function createManagementApiClient(config: ManagementApiClientConfig): ApiGatewayManagementApiClient {
  const { maxSockets = SDK_DEFAULT_MAX_SOCKETS, ...clientConfig } = config;
  const agent = { keepAlive: true, maxSockets };
  return new ApiGatewayManagementApiClient({
    requestHandler: { httpAgent: agent, httpsAgent: agent },
    // The middleware chain is built once per command type, not on every post: a fan-out posts thousands of times.
    cacheMiddleware: true,
    ...clientConfig,
    maxAttempts: 1,
  });
}
