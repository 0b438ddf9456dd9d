import { useEffect, useRef, useState } from 'preact/hooks';
import { isShowRingMessage } from '../offline/shell';
import { ringIdOf } from '../ring-link';

/**
 * The ring the page is asked to show: from the fragment at load and on every change, and from the service worker
 * when a notification is clicked while the dashboard is already open (it posts `showRing`).
 */
export function useRingLink(): string | undefined {
  const [ringId, setRingId] = useState(() => ringIdOf(location.hash));
  useEffect(() => {
    const onHash = () => setRingId(ringIdOf(location.hash));
    const onWorkerMessage = (event: MessageEvent) => {
      if (isShowRingMessage(event.data)) location.hash = `ring=${encodeURIComponent(event.data.ringId)}`;
    };
    addEventListener('hashchange', onHash);
    navigator.serviceWorker?.addEventListener('message', onWorkerMessage);
    return () => {
      removeEventListener('hashchange', onHash);
      navigator.serviceWorker?.removeEventListener('message', onWorkerMessage);
    };
  }, []);
  return ringId;
}

/** Scrolls the linked ring into view once it is on the page (the history may come after the page opened). */
export function useScrollToRing(ringId: string | undefined, ringCount: number): void {
  const scrolledTo = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (ringId === undefined || scrolledTo.current === ringId) return;
    const element = document.querySelector(`[data-ring-id="${CSS.escape(ringId)}"]`);
    if (!element) return;
    element.scrollIntoView({ block: 'center' });
    scrolledTo.current = ringId;
  }, [ringId, ringCount]);
}
