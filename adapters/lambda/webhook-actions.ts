import type { AddWebhook } from '../../application/add-webhook';
import type { EnableWebhook } from '../../application/enable-webhook';
import type { ListWebhooks } from '../../application/list-webhooks';
import type { RemoveWebhook } from '../../application/remove-webhook';
import type { WebhookActionMessage } from '../../domain/protocol/client-messages';
import { mayPerform } from '../../domain/protocol/device-actions';
import { errorMessage, webhooksMessage, type ServerMessage } from '../../domain/protocol/server-messages';
import type { DeviceIdentity } from './websocket-events/device-identity';

export interface WebhookUseCases {
  readonly listWebhooks: Pick<ListWebhooks, 'execute'>;
  readonly addWebhook: Pick<AddWebhook, 'execute'>;
  readonly removeWebhook: Pick<RemoveWebhook, 'execute'>;
  readonly enableWebhook: Pick<EnableWebhook, 'execute'>;
}

/**
 * A resident's webhook action → the reply: the household's webhooks (with what changed; an added one's secret,
 * this once), or an error. Doorbells are refused: a porch camera must not redirect where the household's rings go.
 */
export async function webhookReply(
  message: WebhookActionMessage,
  device: DeviceIdentity,
  useCases: WebhookUseCases | undefined,
): Promise<ServerMessage> {
  if (!useCases) return errorMessage('unknown-action', `the action "${message.action}" is not available here`);
  if (!mayPerform(device.role, message.action)) return errorMessage('forbidden', 'only resident devices manage webhooks');
  const { householdId } = device;
  const list = () => useCases.listWebhooks.execute({ householdId });
  switch (message.action) {
    case 'webhooks':
      return webhooksMessage(await list());
    case 'addWebhook': {
      const result = await useCases.addWebhook.execute({
        householdId,
        url: message.url,
        ...(message.events === undefined ? {} : { events: message.events }),
      });
      if (result.kind === 'rejected') return errorMessage('bad-request', result.reason);
      return webhooksMessage(await list(), { kind: 'added', webhookId: result.webhook.id, secret: result.secret });
    }
    case 'removeWebhook': {
      const result = await useCases.removeWebhook.execute({ householdId, webhookId: message.webhookId });
      if (result.kind === 'not-found') return errorMessage('not-found', 'no webhook has that id');
      return webhooksMessage(await list(), { kind: 'removed', webhookId: message.webhookId });
    }
    case 'enableWebhook': {
      const result = await useCases.enableWebhook.execute({ householdId, webhookId: message.webhookId });
      if (result.kind === 'not-found') return errorMessage('not-found', 'no webhook has that id');
      return webhooksMessage(await list(), { kind: 'enabled', webhookId: message.webhookId });
    }
  }
}
