/** Whether the screen is kept on: `held`, `unsupported` (this browser has no Screen Wake Lock) or `refused`. */
export type WakeLockState = 'held' | 'unsupported' | 'refused';

/**
 * Keeps the screen on while the page is shown (Screen Wake Lock). The browser releases the lock whenever the page
 * is hidden, so it is asked for again each time the page comes back. Returns a function that lets the screen sleep.
 */
export function keepScreenOn(onState: (state: WakeLockState) => void): () => void {
  if (!('wakeLock' in navigator)) {
    onState('unsupported');
    return () => undefined;
  }
  let sentinel: WakeLockSentinel | undefined;
  let stopped = false;
  const acquire = async () => {
    if (stopped || document.visibilityState !== 'visible') return;
    try {
      sentinel = await navigator.wakeLock.request('screen');
      onState('held');
    } catch {
      onState('refused'); // E.g. battery saver; the page works, the screen may dim.
    }
  };
  const onVisibility = () => void acquire();
  document.addEventListener('visibilitychange', onVisibility);
  void acquire();
  return () => {
    stopped = true;
    document.removeEventListener('visibilitychange', onVisibility);
    void sentinel?.release();
  };
}
