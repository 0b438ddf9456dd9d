/** Whether this browser can show the page full screen (iPhone Safari cannot; "Add to Home Screen" comes close). */
export function canGoFullScreen(): boolean {
  return document.fullscreenEnabled === true;
}

/** Kiosk mode on request: full screen, or back. Only from a user's gesture, as browsers require. */
export async function toggleFullScreen(): Promise<void> {
  try {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen({ navigationUI: 'hide' });
  } catch {
    // Refused (e.g. not from a gesture): the page stays as it is.
  }
}
