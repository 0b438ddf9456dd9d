import { useState } from 'preact/hooks';
import type { DeviceRole } from '../../../domain/device';
import type { DeviceSettings } from './device-settings';
import { checkWebSocketUrl } from './websocket-url';

/**
 * The state of a connection-settings form (the dashboard's and the door page's): the WebSocket URL and a device
 * token of `role`, checked on submit, with the problem to show when either is wrong.
 */
export function useSettingsForm(props: {
  readonly initial: DeviceSettings | undefined;
  readonly defaultUrl: string;
  readonly role: DeviceRole;
  readonly onConnect: (settings: DeviceSettings) => void;
}) {
  const [url, setUrl] = useState(props.initial?.url ?? props.defaultUrl);
  const [token, setToken] = useState(props.initial?.token ?? '');
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const submit = (event: Event) => {
    event.preventDefault();
    const checked = checkWebSocketUrl(url);
    if (!checked.ok) return setProblem(checked.reason);
    if (token.trim() === '') return setProblem(`enter a ${props.role} device token (npx doorbell token --role ${props.role} …)`);
    setProblem(undefined);
    props.onConnect({ url: checked.url, token: token.trim() });
  };

  return { url, setUrl, token, setToken, problem, submit };
}
