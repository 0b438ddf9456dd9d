import {
  ApiGatewayManagementApiClient,
  type ApiGatewayManagementApiClientConfig,
} from '@aws-sdk/client-apigatewaymanagementapi';

/**
 * The client ApiGatewayDeviceNotifier expects: the SDK's own retries turned off (`maxAttempts: 1`), because the
 * notifier retries throttled pushes itself. With the SDK's default of 3 attempts, each of the notifier's 4 attempts
 * would be up to 3 requests: 12 in all, and the SDK's backoff hidden inside ours.
 *
 * `endpoint` is the WebSocket API's callback URL: `https://{api-id}.execute-api.{region}.amazonaws.com/{stage}`.
 */
export function createManagementApiClient(
  config: ApiGatewayManagementApiClientConfig & { readonly endpoint: string },
): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient({ ...config, maxAttempts: 1 });
}
