import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

/** A subscription as web-push-testing makes it: what a browser's `PushSubscription.toJSON()` holds, and its id there. */
export interface TestSubscription {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
  readonly clientHash: string;
}

/**
 * web-push-testing (a push service that checks VAPID and decrypts what it receives) as a child process on a free
 * loopback port, started by the test and stopped after it. Its own CLI would detach the server and remember it in
 * a file; the server script is run directly instead.
 */
export async function startPushService() {
  const port = await freePort();
  const script = join(dirname(createRequire(import.meta.url).resolve('web-push-testing/package.json')), 'src/bin/server.js');
  const child: ChildProcess = spawn(process.execPath, [script, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      if (data.toString().includes('Server running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`web-push-testing exited (${code})`)));
  });
  // Its endpoints name `localhost`; ours too, so that the requests made here go where its endpoints point.
  const origin = `http://localhost:${port}`;
  const call = async (path: string, body: object) => {
    const response = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`web-push-testing ${path}: ${response.status} ${await response.text()}`);
    return response.status === 200 && path !== '/expire-subscription'
      ? ((await response.json().catch(() => ({}))) as { data?: unknown })
      : {};
  };
  return {
    origin,
    /** Subscribes like a browser's PushManager.subscribe({ userVisibleOnly: true, applicationServerKey }). */
    async subscribe(applicationServerKey: string): Promise<TestSubscription> {
      // The server wants the string "true" here.
      return (await call('/subscribe', { userVisibleOnly: 'true', applicationServerKey })).data as TestSubscription;
    },
    /** Every payload the subscription received, decrypted. */
    async notifications(clientHash: string): Promise<string[]> {
      return ((await call('/get-notifications', { clientHash })).data as { messages: string[] }).messages;
    },
    /** The next push to the subscription is answered 410 Gone. */
    async expire(clientHash: string): Promise<void> {
      await fetch(`${origin}/expire-subscription/${clientHash}`, { method: 'POST' });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/**
 * A loopback proxy in front of the push service that answers the first `times` pushes of each path 429 with
 * `Retry-After: retryAfterSeconds`, then forwards; it counts what it saw, so a test can tell retries from duplicates.
 */
export async function startThrottlingProxy(target: string, options: { readonly times: number; readonly retryAfterSeconds: number }) {
  const seen = new Map<string, number>();
  const statuses: number[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    const count = (seen.get(path) ?? 0) + 1;
    seen.set(path, count);
    if (count <= options.times) {
      statuses.push(429);
      incoming.resume();
      outgoing.writeHead(429, { 'retry-after': String(options.retryAfterSeconds) }).end();
      return;
    }
    const forward = request(`${target}${path}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
      statuses.push(answer.statusCode ?? 0);
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    /** The same subscription, reached through the proxy. */
    via: (endpoint: string) => endpoint.replace(new URL(endpoint).origin, origin),
    /** Requests per path, and every status answered, in order. */
    seen,
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on (taken, then released). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
