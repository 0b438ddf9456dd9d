import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';

/** What web-push-testing (a push service on loopback that decrypts what it receives) gives a subscriber. */
export interface LoopbackSubscription {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

interface PushApiModel {
  notifyUrl: string;
  subscribe(options: { userVisibleOnly: 'true'; applicationServerKey: string }): Promise<LoopbackSubscription>;
}

const require = createRequire(import.meta.url);

/**
 * web-push-testing's push service, in this process, on a free loopback port: it makes real subscriptions (P-256 keys,
 * auth secret) that a test hands the browser in place of the subscription Chromium would get from its vendor's push
 * service over the internet.
 */
export async function startLoopbackPushService(): Promise<{
  readonly subscribe: (applicationServerKey: string) => Promise<LoopbackSubscription>;
  readonly stop: () => Promise<void>;
}> {
  // The package's `main` points at a file it does not ship: its modules are required by path.
  const { PushApiModel } = require('web-push-testing/src/PushApiModel.js') as { PushApiModel: new () => PushApiModel };
  const WebPushTestingServer = require('web-push-testing/src/server.js') as new (
    model: PushApiModel,
    port: number,
  ) => {
    startServer(): void;
    _server?: Server;
  };
  const port = await freePort();
  const model = new PushApiModel();
  const server = new WebPushTestingServer(model, port);
  server.startServer();
  return {
    subscribe: (applicationServerKey) => model.subscribe({ userVisibleOnly: 'true', applicationServerKey }),
    stop: () => new Promise((resolve) => (server._server ? server._server.close(() => resolve()) : resolve())),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Replaces the page's PushManager.subscribe / getSubscription with the loopback push service's subscription
 * (through a binding named `subscribeAtLoopbackPushService`): only the browser's leg to its push service changes;
 * permission, the service worker, the server's key and every frame to the doorbell are real.
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
