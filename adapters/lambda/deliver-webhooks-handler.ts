import * as v from 'valibot';
import type { DeliverWebhook } from '../../application/deliver-webhook';
import type { DispatchWebhookEvent } from '../../application/dispatch-webhook-event';
import { VALUE_FREE_MESSAGES } from '../validation/issues';
import { parseWebhookWork } from '../webhooks/webhook-work';
import type { HandlerTelemetry } from './telemetry';

export interface DeliverWebhooksHandlerDeps {
  readonly dispatch: Pick<DispatchWebhookEvent, 'execute'>;
  readonly deliver: Pick<DeliverWebhook, 'execute'>;
  readonly telemetry: HandlerTelemetry;
}

/** What SQS hands the function: only the fields read here are checked. */
const sqsEvent = v.object({ Records: v.array(v.object({ messageId: v.string(), body: v.string() })) });

export interface SqsBatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

/**
 * The webhook queue's consumer (SQS event source, partial batch failures): each message is an event to fan out or
 * one delivery attempt, run with the same use cases as the local queue. A receiver that fails is not a failure of
 * the message (DeliverWebhook re-sends it with a delay); a message that throws (a table down) is reported so SQS
 * retries it, and after the queue's receive count it lands in the dead-letter queue. A message that is not webhook
 * work is logged and dropped: it would never parse.
 */
export function makeDeliverWebhooksHandler(deps: DeliverWebhooksHandlerDeps) {
  const { logger } = deps.telemetry;
  return async (event: unknown): Promise<SqsBatchResponse> => {
    const parsed = v.safeParse(sqsEvent, event, VALUE_FREE_MESSAGES);
    if (!parsed.success) {
      logger.error('not an SQS event');
      return { batchItemFailures: [] };
    }
    const failures: { itemIdentifier: string }[] = [];
    await Promise.all(
      parsed.output.Records.map(async (record) => {
        let work: ReturnType<typeof parseWebhookWork>;
        try {
          work = parseWebhookWork(JSON.parse(record.body));
        } catch {
          work = { ok: false, reason: 'the body is not JSON' };
        }
        if (!work.ok) {
          logger.error('dropped a message that is not webhook work', { messageId: record.messageId, reason: work.reason });
          return;
        }
        try {
          if (work.work.kind === 'event') {
            const result = await deps.dispatch.execute(work.work.event);
            logger.info('webhook event dispatched', { event: work.work.event.event, result: result.kind });
          } else {
            const { delivery } = work.work;
            const result = await deps.deliver.execute(delivery);
            deps.telemetry.count(result.kind === 'delivered' ? 'WebhooksDelivered' : 'WebhookAttemptsFailed');
            logger.info('webhook attempt', {
              webhookId: delivery.webhookId,
              event: delivery.event,
              attempt: delivery.attempt,
              result: result.kind,
            });
          }
        } catch (error) {
          logger.error('webhook work failed; SQS will retry it', {
            messageId: record.messageId,
            error: error instanceof Error ? error.name : 'unknown',
          });
          failures.push({ itemIdentifier: record.messageId });
        }
      }),
    );
    return { batchItemFailures: failures };
  };
}
