import { useState } from 'preact/hooks';
import type { WebhookSummaryMessage } from '../../../domain/protocol/server-messages';
import { WEBHOOK_EVENTS } from '../../../domain/webhooks/webhook';

export interface WebhooksPanelProps {
  readonly webhooks: readonly WebhookSummaryMessage[] | undefined;
  /** The secret of the webhook just added, shown once. */
  readonly newSecret: { readonly webhookId: string; readonly secret: string } | undefined;
  /** Each returns false when the page is not connected (nothing was sent). */
  readonly onAdd: (url: string, events: readonly string[]) => boolean;
  readonly onRemove: (webhookId: string) => boolean;
  readonly onEnable: (webhookId: string) => boolean;
  readonly onDismissSecret: () => void;
}

/** The household's webhooks: where rings, answers and access codes are POSTed, signed; add, remove, re-enable. */
export function WebhooksPanel({ webhooks, newSecret, onAdd, onRemove, onEnable, onDismissSecret }: WebhooksPanelProps) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<readonly string[]>(WEBHOOK_EVENTS);
  const [note, setNote] = useState('');

  const add = (event: Event) => {
    event.preventDefault();
    if (url.trim() === '' || events.length === 0) return setNote('Give a URL and at least one event.');
    setNote(onAdd(url.trim(), events) ? 'Adding…' : 'Not connected: nothing was added.');
    setUrl('');
  };
  const toggle = (name: string, checked: boolean) => setEvents(checked ? [...events, name] : events.filter((e) => e !== name));

  return (
    <div class="webhooks">
      {newSecret && (
        <div class="secret" role="status">
          <p>
            Signing secret of <code>{newSecret.webhookId}</code>, shown this once: keep it with the receiver.
          </p>
          <code class="secret-value">{newSecret.secret}</code>
          <button type="button" class="quiet" onClick={onDismissSecret}>
            I have kept it
          </button>
        </div>
      )}
      {webhooks === undefined ? (
        <p class="empty">Loading webhooks…</p>
      ) : webhooks.length === 0 ? (
        <p class="empty">No webhooks yet.</p>
      ) : (
        <ul class="webhook-list">
          {webhooks.map((webhook) => (
            <li key={webhook.webhookId}>
              <span class="webhook-url">{webhook.url}</span>
              <span class="hint">{webhook.events.join(', ')}</span>
              <span class={`badge ${webhook.state === 'active' ? '' : 'badge-disabled'}`}>
                {webhook.state === 'active' ? 'active' : `disabled after ${webhook.consecutiveFailures} failures`}
              </span>
              {webhook.lastDelivery && <span class="hint">last: {webhook.lastDelivery.outcome}</span>}
              {webhook.state === 'disabled' && (
                <button
                  type="button"
                  class="quiet"
                  aria-label={`Enable ${webhook.url}`}
                  onClick={() => setNote(onEnable(webhook.webhookId) ? '' : 'Not connected.')}
                >
                  Enable
                </button>
              )}
              <button
                type="button"
                class="quiet"
                aria-label={`Remove ${webhook.url}`}
                onClick={() =>
                  window.confirm(`Remove the webhook ${webhook.url}?`) && setNote(onRemove(webhook.webhookId) ? '' : 'Not connected.')
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="webhook-form" onSubmit={add}>
        <label>
          URL
          <input type="url" value={url} placeholder="https://…" onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
        </label>
        <fieldset>
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((name) => (
            <label key={name}>
              <input
                type="checkbox"
                checked={events.includes(name)}
                onChange={(e) => toggle(name, (e.target as HTMLInputElement).checked)}
              />
              {name}
            </label>
          ))}
        </fieldset>
        <button type="submit">Add webhook</button>
      </form>
      <p class="hint" aria-live="polite">
        {note}
      </p>
    </div>
  );
}
