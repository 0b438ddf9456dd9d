import type { ConnectionState } from '../connection/connection-state';
import { useNow } from './use-now';
import { useOnline } from './use-online';

/**
 * The connection's state in words, announced politely to screen readers; `data-connection` is for tests too.
 * "Offline" when the browser has no network or nothing answers where the server should be: the page on screen is
 * then the copy the service worker kept, and it reconnects by itself.
 */
export function StatusBar(props: { state: ConnectionState | undefined; onRetry: () => void; onSettings: () => void }) {
  const now = useNow(1_000);
  const online = useOnline();
  const { state } = props;
  const kind = state?.kind ?? 'stopped';
  const offline = kind !== 'connected' && kind !== 'refused' && (!online || (state?.kind === 'reconnecting' && state.unreachable === true));
  return (
    <div class={`status status-${kind}`} role="status" aria-live="polite" data-connection={kind} data-offline={offline}>
      <span class="status-dot" aria-hidden="true" />
      <span class="status-text">{offline ? describeOffline(state, now) : describe(state, now)}</span>
      {(kind === 'reconnecting' || kind === 'refused') && (
        <button type="button" onClick={props.onRetry}>
          Retry now
        </button>
      )}
      {kind === 'refused' && (
        <button type="button" onClick={props.onSettings}>
          Enter a new token
        </button>
      )}
    </div>
  );
}

function describe(state: ConnectionState | undefined, now: number): string {
  switch (state?.kind) {
    case undefined:
    case 'stopped':
      return 'Not connected';
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting': {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return seconds > 0 ? `Connection lost. Reconnecting in ${seconds} s` : 'Connection lost. Reconnecting…';
    }
    case 'refused':
      return 'The server refused this device token (expired, revoked or mistyped).';
  }
}

function describeOffline(state: ConnectionState | undefined, now: number): string {
  if (state?.kind !== 'reconnecting') return 'Offline. The dashboard reconnects when the network is back.';
  const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
  return `Offline: the doorbell can't be reached. ${seconds > 0 ? `Trying again in ${seconds} s` : 'Trying again…'}`;
}
