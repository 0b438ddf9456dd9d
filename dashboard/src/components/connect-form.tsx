import { useState } from 'preact/hooks';
import type { DeviceSettings } from '../connection/device-settings';
import { checkWebSocketUrl } from '../connection/websocket-url';

/** For a deployed stack (or another token): the WebSocket URL and a resident device token. */
export function ConnectForm(props: {
  initial: DeviceSettings | undefined;
  defaultUrl: string;
  onConnect: (settings: DeviceSettings) => void;
}) {
  const [url, setUrl] = useState(props.initial?.url ?? props.defaultUrl);
  const [token, setToken] = useState(props.initial?.token ?? '');
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const submit = (event: Event) => {
    event.preventDefault();
    const checked = checkWebSocketUrl(url);
    if (!checked.ok) return setProblem(checked.reason);
    if (token.trim() === '') return setProblem('enter a resident device token (npx doorbell token --role resident …)');
    setProblem(undefined);
    props.onConnect({ url: checked.url, token: token.trim() });
  };

  return (
    <form class="panel connect-form" onSubmit={submit} aria-labelledby="connect-heading">
      <h2 id="connect-heading">Connect to a doorbell</h2>
      <label for="ws-url">WebSocket URL</label>
      <input
        id="ws-url"
        type="url"
        inputMode="url"
        autoComplete="url"
        required
        value={url}
        onInput={(e) => setUrl(e.currentTarget.value)}
      />
      <label for="device-token">Resident device token</label>
      <input id="device-token" type="password" autoComplete="off" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
      <p class="hint">Both are remembered on this device only.</p>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" class="primary">
        Connect
      </button>
    </form>
  );
}
