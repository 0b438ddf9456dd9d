import type { GetPushKey } from '../../application/get-push-key';
import type { ListPushSubscriptions } from '../../application/list-push-subscriptions';
import type { SubscribePush } from '../../application/subscribe-push';
import type { UnsubscribePush } from '../../application/unsubscribe-push';
import type { PushMessage } from '../../domain/protocol/client-messages';
import { errorMessage, pushKeyMessage, pushSubscriptionsMessage, type ServerMessage } from '../../domain/protocol/server-messages';
import type { HandlerTelemetry } from './telemetry';
import type { DeviceIdentity } from './websocket-events/device-identity';

export interface PushUseCases {
  readonly getPushKey: Pick<GetPushKey, 'execute'>;
  readonly subscribePush: Pick<SubscribePush, 'execute'>;
  readonly unsubscribePush: Pick<UnsubscribePush, 'execute'>;
  readonly listPushSubscriptions: Pick<ListPushSubscriptions, 'execute'>;
}

/**
 * A resident's Web Push action → the reply: the VAPID public key, or the sending device's subscriptions (never
 * another device's, and never their keys). Endpoints are capabilities (anyone holding one with its keys can push to
 * that browser), so logs carry the push service's origin only.
 */
export async function pushReply(
  message: PushMessage,
  device: DeviceIdentity,
  useCases: PushUseCases,
  telemetry: HandlerTelemetry,
): Promise<ServerMessage> {
  const { householdId, deviceId } = device;
  switch (message.action) {
    case 'pushKey':
      return pushKeyMessage(await useCases.getPushKey.execute());
    case 'pushSubscriptions':
      return pushSubscriptionsMessage(await useCases.listPushSubscriptions.execute({ householdId, deviceId }));
    case 'unsubscribePush':
      return pushSubscriptionsMessage(await useCases.unsubscribePush.execute({ householdId, deviceId, endpoint: message.endpoint }));
    case 'subscribePush': {
      const result = await useCases.subscribePush.execute({ householdId, deviceId, subscription: message.subscription });
      if (result.kind === 'rejected') return errorMessage(result.reason === 'revoked' ? 'forbidden' : 'bad-request', result.message);
      telemetry.count('PushSubscriptionsSaved');
      telemetry.logger.info('push subscription saved', { householdId, deviceId, origin: new URL(message.subscription.endpoint).origin });
      return pushSubscriptionsMessage(result.subscriptions);
    }
  }
}
