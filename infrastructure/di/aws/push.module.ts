import { ContainerModule } from 'inversify';
import { ApiGatewayDeviceNotifier } from '../../../adapters/api-gateway/api-gateway-device-notifier';
import { createManagementApiClient } from '../../../adapters/api-gateway/management-api-client';
import type { RingSettings } from '../../../application/settings';
import { env, readEnvironment, type Environment } from '../config';
import { TOKENS } from '../tokens';

/**
 * Push through API Gateway's management API: `CONNECTIONS_API_ENDPOINT` is the stage's https URL
 * (`https://{api-id}.execute-api.{region}.amazonaws.com/{stage}`), or the local gateway's. The client's agent gets
 * one socket per concurrent push (the ring settings' `pushConcurrency`), so the settings alone bound a fan-out.
 */
export function pushModule(environment: Environment): ContainerModule {
  const { CONNECTIONS_API_ENDPOINT } = readEnvironment(environment, { CONNECTIONS_API_ENDPOINT: env.url() });
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.DeviceNotifier).toResolvedValue(
      (settings: RingSettings) =>
        new ApiGatewayDeviceNotifier({
          client: createManagementApiClient({ endpoint: CONNECTIONS_API_ENDPOINT, maxSockets: settings.pushConcurrency }),
        }),
      [TOKENS.RingSettings],
    );
  });
}
