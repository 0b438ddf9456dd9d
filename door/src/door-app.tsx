import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { StatusBar } from '../../dashboard/src/components/status-bar';
import type { ConnectionState } from '../../dashboard/src/connection/connection-state';
import { DeviceConnection } from '../../dashboard/src/connection/device-connection';
import { initialSettings, remember, type DeviceSettings } from '../../dashboard/src/connection/device-settings';
import { CAMERA_PROBLEMS, captureFrame, closeCamera, openCamera, type CameraState, type Facing } from './camera/camera';
import { noCameraPhoto } from './camera/no-camera-photo';
import { CameraView } from './components/camera-view';
import { DoorSettingsForm } from './components/door-settings-form';
import { Keypad } from './components/keypad';
import { RingStatus } from './components/ring-status';
import { DOOR_STORAGE_KEY, rememberedFacing, rememberFacing } from './door-settings';
import { pressRing } from './ring/press-ring';
import { canGoFullScreen, toggleFullScreen } from './screen/full-screen';
import { keepScreenOn, type WakeLockState } from './screen/wake-lock';
import { doorReducer, IDLE } from './state/door-state';

const WAKE_LOCK_TEXT: Readonly<Record<WakeLockState, string>> = {
  held: 'The screen stays on while this page is open.',
  unsupported: 'This browser may turn the screen off: set the device never to sleep.',
  refused: 'The screen may turn off (the browser refused to keep it on).',
};

/**
 * The door page: a doorbell device in a browser. Camera preview, one Ring button, the keypad. `defaultUrl`: where
 * it connects unless told otherwise (its `config.json`, shared with the dashboard).
 */
export function DoorApp(props: { defaultUrl: string }) {
  const [settings, setSettings] = useState<DeviceSettings | undefined>(() =>
    initialSettings(location, localStorage, props.defaultUrl, DOOR_STORAGE_KEY),
  );
  const [editing, setEditing] = useState(settings === undefined);
  const [connectionState, setConnectionState] = useState<ConnectionState | undefined>(undefined);
  const [connection, setConnection] = useState<DeviceConnection | undefined>(undefined);
  const [facing, setFacing] = useState<Facing>(() => rememberedFacing(localStorage));
  const [camera, setCamera] = useState<CameraState>({ kind: 'starting' });
  const [wakeLock, setWakeLock] = useState<WakeLockState | undefined>(undefined);
  const [fullScreen, setFullScreen] = useState(false);
  const [door, dispatch] = useReducer(doorReducer, IDLE);
  const stateSince = useRef(Date.now());
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!settings) return;
    const current = new DeviceConnection({
      ...settings,
      onMessage: (message) => dispatch({ kind: 'message', message, now: Date.now() }),
      onState: setConnectionState,
    });
    setConnection(current);
    current.start();
    return () => current.stop();
  }, [settings]);

  useEffect(() => {
    let cancelled = false;
    let opened: CameraState = { kind: 'starting' };
    setCamera(opened);
    void openCamera(facing).then((state) => {
      opened = state;
      if (cancelled) closeCamera(state);
      else setCamera(state);
    });
    return () => {
      cancelled = true;
      closeCamera(opened);
    };
  }, [facing]);

  useEffect(() => keepScreenOn(setWakeLock), []);

  useEffect(() => {
    const onChange = () => setFullScreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  // Back to "Press Ring" once the ring can no longer be answered.
  useEffect(() => {
    stateSince.current = Date.now();
    if (door.kind !== 'ringing' && door.kind !== 'answered') return;
    const timer = setInterval(() => dispatch({ kind: 'tick', now: Date.now(), since: stateSince.current }), 1_000);
    return () => clearInterval(timer);
  }, [door.kind]);

  const ring = async () => {
    if (!connection) {
      setEditing(true);
      dispatch({ kind: 'pressed-outcome', outcome: { kind: 'failed', message: 'Not set up yet: enter the connection settings.' } });
      return;
    }
    const frame = video.current && camera.kind === 'live' ? await captureFrame(video.current) : undefined;
    const problem = camera.kind === 'unavailable' ? CAMERA_PROBLEMS[camera.problem] : 'The camera showed nothing.';
    const photo = frame ?? (await noCameraPhoto(problem));
    dispatch({ kind: 'pressed', withPhoto: frame !== undefined, now: Date.now() });
    if (!photo) {
      dispatch({ kind: 'pressed-outcome', outcome: { kind: 'failed', message: 'This browser could not make the photo. Press again.' } });
      return;
    }
    dispatch({ kind: 'pressed-outcome', outcome: await pressRing(connection, photo, frame !== undefined) });
  };
  const connect = (next: DeviceSettings) => {
    remember(localStorage, next, DOOR_STORAGE_KEY);
    setEditing(false);
    setSettings(next);
  };
  const switchCamera = () => {
    const next = facing === 'user' ? 'environment' : 'user';
    rememberFacing(localStorage, next);
    setFacing(next);
  };

  return (
    <>
      <header class="top">
        <StatusBar state={connectionState} onRetry={() => connection?.retryNow()} onSettings={() => setEditing(true)} />
        <div class="tools">
          {canGoFullScreen() && (
            <button type="button" class="quiet" aria-pressed={fullScreen} onClick={() => void toggleFullScreen()}>
              {fullScreen ? 'Leave full screen' : 'Full screen'}
            </button>
          )}
          <button type="button" class="quiet" aria-expanded={editing} aria-controls="settings-panel" onClick={() => setEditing(!editing)}>
            Connection settings
          </button>
        </div>
      </header>
      <main class="door">
        {editing && (
          <div id="settings-panel">
            <DoorSettingsForm initial={settings} defaultUrl={props.defaultUrl} onConnect={connect} />
          </div>
        )}
        <section class="ring-side" aria-label="Ring the doorbell">
          <CameraView camera={camera} facing={facing} videoRef={video} onSwitch={switchCamera} />
          <RingStatus state={door} />
          <button type="button" class="ring-button" disabled={door.kind === 'sending'} onClick={() => void ring()}>
            Ring
          </button>
        </section>
        <section class="keypad-side">
          <Keypad connection={connection} />
        </section>
        {wakeLock && <p class="hint wake-lock">{WAKE_LOCK_TEXT[wakeLock]}</p>}
      </main>
    </>
  );
}
