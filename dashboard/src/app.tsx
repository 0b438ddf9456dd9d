import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { ServerMessage } from '../../domain/protocol/server-messages';
import type { ConnectionState } from './connection/connection-state';
import { DeviceConnection } from './connection/device-connection';
import { initialSettings, remember, type DeviceSettings } from './connection/device-settings';
import { ConnectForm } from './components/connect-form';
import { RingCard } from './components/ring-card';
import { RingHistory } from './components/ring-history';
import { StatusBar } from './components/status-bar';
import { VisitorsPanel } from './components/visitors-panel';
import { WebhooksPanel } from './components/webhooks-panel';
import { dismissError, dismissWebhookSecret, EMPTY_STATE, receive, showError, type DashboardState } from './state/dashboard-state';
import { enrollVisitor, forgetVisitor } from './visitor-requests';

/** How many rings the page asks for when it connects. */
const HISTORY_PAGE = 20;

type Action =
  | { readonly kind: 'message'; readonly message: ServerMessage }
  | { readonly kind: 'problem'; readonly text: string }
  | { readonly kind: 'dismiss' }
  | { readonly kind: 'dismissWebhookSecret' };

function reduce(state: DashboardState, action: Action): DashboardState {
  switch (action.kind) {
    case 'message':
      return receive(state, action.message);
    case 'problem':
      return showError(state, action.text);
    case 'dismiss':
      return dismissError(state);
    case 'dismissWebhookSecret':
      return dismissWebhookSecret(state);
  }
}

/** `defaultUrl`: where the page connects unless told otherwise (its `config.json`, see page-config.ts). */
export function App(props: { defaultUrl: string }) {
  const [settings, setSettings] = useState<DeviceSettings | undefined>(() => initialSettings(location, localStorage, props.defaultUrl));
  const [editing, setEditing] = useState(settings === undefined);
  const [connectionState, setConnectionState] = useState<ConnectionState | undefined>(undefined);
  const [state, dispatch] = useReducer(reduce, EMPTY_STATE);
  const connection = useRef<DeviceConnection | undefined>(undefined);

  useEffect(() => {
    if (!settings) return;
    const current = new DeviceConnection({
      ...settings,
      onMessage: (message) => dispatch({ kind: 'message', message }),
      onState: (next) => {
        setConnectionState(next);
        if (next.kind === 'connected') {
          // What the page shows is asked for afresh on every connection: rings may have come while it was away.
          current.send({ action: 'history', limit: HISTORY_PAGE });
          current.send({ action: 'visitors' });
          current.send({ action: 'webhooks' });
        }
      },
    });
    connection.current = current;
    current.start();
    return () => current.stop();
  }, [settings]);

  const connect = (next: DeviceSettings) => {
    remember(localStorage, next);
    setEditing(false);
    setSettings(next);
  };
  const reply = (ringId: string, text: string) => {
    if (!connection.current?.send({ action: 'answer', ringId, reply: text })) {
      dispatch({ kind: 'problem', text: 'Not connected: the reply was not sent.' });
    }
  };
  const live = state.liveRingIds.flatMap((id) => state.rings.filter((ring) => ring.ringId === id));

  return (
    <>
      <header class="top">
        <h1>Doorbell</h1>
        <StatusBar state={connectionState} onRetry={() => connection.current?.retryNow()} onSettings={() => setEditing(true)} />
        <button type="button" class="quiet" aria-expanded={editing} aria-controls="connect-panel" onClick={() => setEditing(!editing)}>
          Connection settings
        </button>
      </header>
      <main>
        {editing && (
          <div id="connect-panel">
            <ConnectForm initial={settings} defaultUrl={props.defaultUrl} onConnect={connect} />
          </div>
        )}
        {state.error && (
          <div class="alert" role="alert">
            <p>{state.error}</p>
            <button type="button" class="quiet" onClick={() => dispatch({ kind: 'dismiss' })}>
              Dismiss
            </button>
          </div>
        )}
        <section aria-labelledby="live-heading">
          <h2 id="live-heading">At the door</h2>
          <div class="live" aria-live="polite">
            {live.length === 0 ? (
              <p class="empty">Nobody has rung since this page opened.</p>
            ) : (
              live.map((ring) => (
                <RingCard
                  key={ring.ringId}
                  ring={ring}
                  answer={state.answers[ring.ringId]}
                  accessCode={state.accessCodes[ring.ringId]}
                  onReply={reply}
                />
              ))
            )}
          </div>
        </section>
        <div class="columns">
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">Recent rings</h2>
            <RingHistory rings={state.rings} answers={state.answers} />
          </section>
          <section aria-labelledby="visitors-heading">
            <h2 id="visitors-heading">Visitors</h2>
            <VisitorsPanel
              visitors={state.visitors}
              onEnroll={(name, trusted, photos) =>
                connection.current ? enrollVisitor(connection.current, name, trusted, photos) : Promise.resolve('Not connected.')
              }
              onForget={(name) => (connection.current ? forgetVisitor(connection.current, name) : Promise.resolve('Not connected.'))}
            />
          </section>
          <section aria-labelledby="webhooks-heading">
            <h2 id="webhooks-heading">Webhooks</h2>
            <WebhooksPanel
              webhooks={state.webhooks}
              newSecret={state.newWebhookSecret}
              onAdd={(url, events) => connection.current?.send({ action: 'addWebhook', url, events: [...events] }) === true}
              onRemove={(webhookId) => connection.current?.send({ action: 'removeWebhook', webhookId }) === true}
              onEnable={(webhookId) => connection.current?.send({ action: 'enableWebhook', webhookId }) === true}
              onDismissSecret={() => dispatch({ kind: 'dismissWebhookSecret' })}
            />
          </section>
        </div>
      </main>
    </>
  );
}
