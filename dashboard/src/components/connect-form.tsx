import type { DeviceSettings } from '../connection/device-settings';
import { useSettingsForm } from '../connection/use-settings-form';

/** For a deployed stack (or another token): the WebSocket URL and a resident device token. */
export function ConnectForm(props: {
  initial: DeviceSettings | undefined;
  defaultUrl: string;
  onConnect: (settings: DeviceSettings) => void;
}) {
  const { url, setUrl, token, setToken, problem, submit } = useSettingsForm({ ...props, role: 'resident' });

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
