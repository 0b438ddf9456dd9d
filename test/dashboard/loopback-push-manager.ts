/**
 * Replaces the page's PushManager.subscribe / getSubscription so the browser's subscription comes from the push
 * service on loopback (test/support/push-service.ts, through a binding named `subscribeAtLoopbackPushService`)
 * instead of Chromium's vendor's push service over the internet. Only that leg changes: the permission, the service
 * worker, the server's key and every frame to the doorbell are real.
 */
export const LOOPBACK_PUSH_MANAGER = `(() => {
  let current = null;
  const bytes = (base64url) => Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  PushManager.prototype.getSubscription = async function () { return current; };
  PushManager.prototype.subscribe = async function (options) {
    const key = options.applicationServerKey;
    const json = await window.subscribeAtLoopbackPushService(key);
    current = {
      endpoint: json.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: bytes(key).buffer },
      toJSON: () => ({ endpoint: json.endpoint, expirationTime: null, keys: json.keys }),
      unsubscribe: async () => { current = null; return true; },
    };
    return current;
  };
})();`;
