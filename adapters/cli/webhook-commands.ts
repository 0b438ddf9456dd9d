import { CliError } from './cli-error';
import type { CommandContext } from './command-context';
import type { WebhookListing } from './doorbell-admin';

/**
 * `doorbell webhook add URL [--events ring,answer,access-code]`: prints the webhook and its signing secret, which is
 * shown this once (the secret is the last line of stdout).
 * @throws CliError when the URL or the events are refused.
 */
export async function webhookAddCommand(context: CommandContext, url: string, events: string | undefined): Promise<void> {
  const list =
    events === undefined
      ? undefined
      : events
          .split(',')
          .map((event) => event.trim())
          .filter((event) => event !== '');
  const result = await context.admin.addWebhook({ url, ...(list === undefined ? {} : { events: list }) });
  if (result.kind === 'rejected') throw new CliError(`Webhook not added: ${result.reason}`);
  context.output.result(result, () => {
    context.output.line(`Webhook ${result.webhook.id} added: ${result.webhook.url} (${result.webhook.events.join(', ')}).`);
    context.output.line('Signing secret (shown once; keep it with the receiver):');
    context.output.line(result.secret);
  });
}

/** `doorbell webhook list`: id, URL, events, state (active or disabled, consecutive failures), the last delivery. */
export async function webhookListCommand(context: CommandContext): Promise<void> {
  const { webhooks } = await context.admin.webhooks();
  context.output.result(webhooks, () => {
    if (webhooks.length === 0) context.output.line('No webhooks. Add one: doorbell webhook add URL [--events ring,answer,access-code]');
    for (const webhook of webhooks) context.output.line(webhookLine(webhook));
  });
}

export function webhookLine(webhook: WebhookListing): string {
  const state =
    webhook.disabledAt === undefined
      ? `active, ${webhook.consecutiveFailures} consecutive failure${webhook.consecutiveFailures === 1 ? '' : 's'}`
      : `disabled since ${new Date(webhook.disabledAt).toISOString()} after ${webhook.consecutiveFailures} consecutive failures ` +
        `(doorbell webhook enable ${webhook.id})`;
  const last = webhook.lastDelivery
    ? `last delivery ${new Date(webhook.lastDelivery.at).toISOString()}: ${webhook.lastDelivery.outcome}`
    : 'no delivery yet';
  return `${webhook.id}  ${webhook.url}  [${webhook.events.join(',')}]  ${state}; ${last}`;
}

/**
 * `doorbell webhook remove ID`.
 * @throws CliError when the household has no such webhook.
 */
export async function webhookRemoveCommand(context: CommandContext, id: string): Promise<void> {
  const result = await context.admin.removeWebhook(id);
  if (result.kind !== 'removed') throw new CliError(`No webhook ${id}. See: doorbell webhook list`);
  context.output.result(result, () => context.output.line(`Webhook ${id} removed.`));
}

/**
 * `doorbell webhook enable ID`: re-enables a webhook disabled after consecutive failures (its count starts again).
 * @throws CliError when the household has no such webhook.
 */
export async function webhookEnableCommand(context: CommandContext, id: string): Promise<void> {
  const result = await context.admin.enableWebhook(id);
  if (result.kind !== 'enabled') throw new CliError(`No webhook ${id}. See: doorbell webhook list`);
  context.output.result(result, () => context.output.line(`Webhook ${id} enabled.`));
}
