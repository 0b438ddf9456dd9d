/// <reference lib="webworker" />
/**
 * The dashboard's service worker (bundled as `sw.js`, scope: the dashboard's folder). It
 * - keeps the app shell so the page opens offline (network first, the cached copy when the network fails);
 * - shows a notification for each pushed ring, with the snapshot and the quick replies as actions;
 * - answers the ring when an action is clicked (over a WebSocket, as this device), and opens the dashboard on
 *   the ring for a plain click;
 * - tells the server the new endpoint when the browser renews its push subscription.
 * Nothing here contacts another origin but the deployment's own WebSocket (and the snapshot link the push names).
 */
import { answerOverSocket, ANSWER_TIMEOUT_MS, failureReason } from './push/answer-over-socket';
import { deviceCredentials } from './push/device-credentials';
import type { RingPush } from './push/push-frames';
import { RENEWAL_TIMEOUT_MS, renewSubscription, type SubscriptionChange } from './push/subscription-renewal';
import {
  answeredNotification,
  answerFailedNotification,
  FALLBACK_NOTIFICATION,
  notificationIntent,
  parseRingPush,
  ringNotification,
  type NotificationSpec,
} from './push/ring-notification';
import { dashboardTarget, NETWORK_TIMEOUT_MS, SHELL_CACHE, SHELL_FILES, shellKey, type ShowRingMessage } from './offline/shell';

declare const self: ServiceWorkerGlobalScope;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL_FILES.map((file) => new Request(file, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith('doorbell-shell-') && name !== SHELL_CACHE).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  // The page (any query) and the shell's files; everything else (photos, config.json, the reachability check)
  // goes to the network untouched.
  const key = shellKey(request.url, self.registration.scope);
  if (key === undefined) return;
  event.respondWith(networkFirst(request, key));
});

/** The network's answer (stored as the new shell copy when it is a 200), else the cached copy, else the failure. */
async function networkFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS, () => cache.match(key));
    if (response.status === 200 && response.type === 'basic') await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

/**
 * The network's answer; if it is slow and a cached copy exists, the copy (the network's answer still refreshes the
 * cache when it comes); a network failure rejects.
 */
function withTimeout(network: Promise<Response>, ms: number, cached: () => Promise<Response | undefined>): Promise<Response> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(async () => {
      const copy = await cached();
      if (copy) resolve(copy);
    }, ms);
    network.then(
      (response) => {
        clearTimeout(timer);
        resolve(response);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

self.addEventListener('push', (event) => {
  event.waitUntil(showRing(event.data));
});

/** Never throws: an unreadable push still shows that someone is at the door. */
async function showRing(data: PushMessageData | null): Promise<void> {
  let spec = FALLBACK_NOTIFICATION;
  try {
    const push = parseRingPush(data?.json());
    if (push) spec = ringNotification(push, Date.now());
  } catch {
    // Not JSON: the fallback.
  }
  try {
    await show(spec);
  } catch {
    await show(FALLBACK_NOTIFICATION);
  }
}

function show(spec: NotificationSpec): Promise<void> {
  // TypeScript's NotificationOptions lacks `actions`, `image`, `renotify`, `timestamp`, which Chromium supports.
  return self.registration.showNotification(spec.title, spec.options as NotificationOptions);
}

self.addEventListener('notificationclick', (event) => {
  const intent = notificationIntent(event.notification.data, event.action);
  event.notification.close();
  event.waitUntil(intent.kind === 'answer' ? answer(intent.push, intent.reply) : openDashboard(intent.url, intent.ringId));
});

/** Answers as this device, then says how it went in a notification that replaces the ring's. */
async function answer(push: RingPush, reply: string): Promise<void> {
  const credentials = await deviceCredentials().catch(() => undefined);
  if (!credentials) {
    await show(answerFailedNotification(push, 'this device is not set up to answer from notifications; open the dashboard'));
    return;
  }
  const outcome = await answerOverSocket({
    ...credentials,
    ringId: push.ringId,
    reply,
    timeoutMs: ANSWER_TIMEOUT_MS,
    openSocket: (url) => new WebSocket(url),
  });
  await show(
    outcome.kind === 'answered'
      ? answeredNotification(push, reply, outcome.byName)
      : answerFailedNotification(push, failureReason(outcome)),
  );
}

/** Focuses an open dashboard and shows it the ring, or opens one on the ring. */
async function openDashboard(url: string, ringId: string | undefined): Promise<void> {
  const scope = self.registration.scope;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => client.url.startsWith(scope));
  if (open) {
    if (ringId !== undefined) open.postMessage({ type: 'showRing', ringId } satisfies ShowRingMessage);
    await open.focus().catch(() => undefined);
    return;
  }
  await self.clients.openWindow(dashboardTarget(url, scope));
}

// Not in TypeScript's WebWorker library (nor fired by Chromium); Firefox fires it, and the Push API specifies it.
interface PushSubscriptionChangeEvent extends ExtendableEvent, SubscriptionChange {}

self.addEventListener('pushsubscriptionchange', (event) => {
  const change = event as PushSubscriptionChangeEvent;
  change.waitUntil(
    renewSubscription(change, {
      subscribe: (applicationServerKey) => self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey }),
      credentials: deviceCredentials,
      timeoutMs: RENEWAL_TIMEOUT_MS,
      openSocket: (url) => new WebSocket(url),
    }),
  );
});
