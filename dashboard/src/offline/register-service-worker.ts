/**
 * Registers the dashboard's service worker (`sw.js`, beside the page, so its scope is the page's folder): it keeps
 * the app shell for offline use and shows ring notifications. Browsers without service workers, and pages not in a
 * secure context (http:// on another device), simply go without; the notification switch says why.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('sw.js').catch(() => {
    // An insecure context or a blocked registration: the page works online as before.
  });
}
