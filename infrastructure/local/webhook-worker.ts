import type { Container } from 'inversify';
import type { HandlerTelemetry } from '../../adapters/lambda/telemetry';
import type { WebhookWork } from '../../adapters/webhooks/webhook-work';
import { TOKENS } from '../di/tokens';

/**
 * Runs one piece of webhook work with the container's use cases: an event is fanned out to the household's
 * webhooks, a delivery attempted (and rescheduled by the use case on failure). Outcomes are logged without bodies,
 * URLs or secrets. The deployed deliver-webhooks function does the same for each SQS message.
 */
export async function runWebhookWork(container: Container, work: WebhookWork, telemetry: HandlerTelemetry): Promise<void> {
  if (work.kind === 'event') {
    const result = await container.get(TOKENS.DispatchWebhookEvent).execute(work.event);
    telemetry.logger.debug('webhook event dispatched', { event: work.event.event, result: result.kind });
    return;
  }
  const result = await container.get(TOKENS.DeliverWebhook).execute(work.delivery);
  const fields = { event: work.delivery.event, webhookId: work.delivery.webhookId, attempt: work.delivery.attempt, result: result.kind };
  if (result.kind === 'delivered') telemetry.logger.info('webhook delivered', fields);
  else telemetry.logger.warn('webhook not delivered', { ...fields, ...('outcome' in result ? { outcome: result.outcome } : {}) });
}
