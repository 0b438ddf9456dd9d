import type { DeviceSettings } from '../../../dashboard/src/connection/device-settings';
import { useSettingsForm } from '../../../dashboard/src/connection/use-settings-form';

/** For a deployed stack (or another token): the WebSocket URL and a doorbell device token. */
export function DoorSettingsForm(props: {
  initial: DeviceSettings | undefined;
  defaultUrl: string;
  onConnect: (settings: DeviceSettings) => void;
}) {
  const { url, setUrl, token, setToken, problem, submit } = useSettingsForm({ ...props, role: 'doorbell' });

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="settings-heading">
      <h2 id="settings-heading">Connection settings</h2>
      <label for="ws-url">WebSocket URL</label>
      <input id="ws-url" type="url" inputMode="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
      <label for="door-token">Doorbell device token</label>
      <input id="door-token" type="password" autoComplete="off" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
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
