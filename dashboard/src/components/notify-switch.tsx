import { useEffect, useState } from 'preact/hooks';
import type { DeviceSettings } from '../connection/device-settings';
import {
  browserSubscription,
  listSubscriptions,
  refreshCredentials,
  removeSubscription,
  switchOff,
  switchOn,
  type PushChannel,
  type PushOutcome,
} from '../push/device-push';
import type { DeviceSubscription } from '../push/push-frames';
import { PERMISSION_DENIED_MESSAGE, pushSupport, unsupportedMessage, type BrowserScope } from '../push/push-support';
import { dateTimeOf } from './ring-text';

export interface NotifySwitchProps {
  /** Undefined until the page has a connection. */
  readonly channel: PushChannel | undefined;
  readonly connected: boolean;
  readonly settings: DeviceSettings | undefined;
}

/**
 * "Notify this device": Web Push for this browser, so rings arrive with the page closed or the screen locked, and
 * this device's subscriptions (one per browser that switched it on with this device's token), each removable.
 */
export function NotifySwitch({ channel, connected, settings }: NotifySwitchProps) {
  const [support] = useState(() => pushSupport(globalThis as unknown as BrowserScope));
  const [browserSubscribed, setBrowserSubscribed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  /** Notifications blocked for this site: said apart from other problems, which must not hide it. */
  const [blocked, setBlocked] = useState(false);
  const [subscriptions, setSubscriptions] = useState<readonly DeviceSubscription[] | undefined>(undefined);
  const [ownEndpoint, setOwnEndpoint] = useState<string | undefined>(undefined);
  const supported = support.kind === 'supported';
  // On when this browser holds a subscription that the server knows of (or hasn't listed yet): one the server
  // forgot (removed from another browser, data reset) shows off, and switching on hands it over again.
  const on = browserSubscribed && (subscriptions === undefined || subscriptions.some((s) => s.endpoint === ownEndpoint));

  const syncBrowser = async () => {
    const subscription = await browserSubscription().catch(() => undefined);
    setBrowserSubscribed(subscription !== undefined);
    setOwnEndpoint(subscription?.endpoint);
  };
  const settle = async (outcome: PushOutcome) => {
    if (outcome.kind === 'failed') setProblem(outcome.message);
    else setSubscriptions(outcome.subscriptions);
    setBlocked(Notification.permission === 'denied');
    await syncBrowser();
  };

  useEffect(() => {
    if (!supported) return;
    void syncBrowser();
    setBlocked(Notification.permission === 'denied');
  }, [supported]);

  useEffect(() => {
    if (supported && connected && channel) void listSubscriptions(channel).then(settle);
  }, [supported, connected, channel]);

  useEffect(() => {
    if (supported && settings) void refreshCredentials(settings).catch(() => undefined);
  }, [supported, settings]);

  const run = async (work: () => Promise<PushOutcome>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await settle(await work());
    } catch (error) {
      setProblem(`Something went wrong: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const toggle = () => {
    if (!channel || !settings) return;
    // Called straight from the click: switchOn asks for permission first, while the gesture counts.
    void run(() => (on ? switchOff(channel) : switchOn(channel, settings)));
  };

  return (
    <section class="notify" aria-labelledby="notify-heading">
      <h2 id="notify-heading">Notifications</h2>
      <div class="notify-row">
        <button
          type="button"
          role="switch"
          class="switch"
          aria-checked={on}
          aria-describedby="notify-hint"
          disabled={!supported || busy || !connected}
          onClick={toggle}
        >
          <span class="switch-track" aria-hidden="true">
            <span class="switch-thumb" />
          </span>
          Notify this device
        </button>
        {busy && <span class="hint">Working…</span>}
      </div>
      <p id="notify-hint" class="hint">
        {supported
          ? 'Rings reach this device even when the dashboard is closed or the screen is locked, with the snapshot and quick replies.'
          : unsupportedMessage(support)}
      </p>
      {blocked ? (
        <p class="notify-problem" role="alert">
          {PERMISSION_DENIED_MESSAGE}
        </p>
      ) : (
        problem && (
          <p class="notify-problem" role="alert">
            {problem}
          </p>
        )
      )}
      {supported && subscriptions && subscriptions.length > 0 && (
        <>
          <h3 class="notify-list-heading">This device's subscriptions</h3>
          <ul class="subscription-list">
            {subscriptions.map((subscription) => (
              <li key={subscription.endpoint}>
                <span>
                  {pushService(subscription.endpoint)}
                  {subscription.endpoint === ownEndpoint ? ' (this browser)' : ''}, since {dateTimeOf(subscription.createdAt)}
                </span>
                <button
                  type="button"
                  class="quiet"
                  aria-label={`Remove the subscription at ${pushService(subscription.endpoint)}`}
                  disabled={busy || !connected || !channel}
                  onClick={() => channel && void run(() => removeSubscription(channel, subscription.endpoint))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A subscription named by its push service's host (the endpoint itself is a long capability URL). */
function pushService(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return 'a push service';
  }
}
