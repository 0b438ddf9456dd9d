import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from '../section';
import { closeSockets, openSockets } from '../support/open-sockets';
import { fixed } from '../stats';
import type { GatewayMemory } from './gateway-process';

const GATEWAY_PROCESS = fileURLToPath(new URL('./gateway-process.ts', import.meta.url));
const MiB = 2 ** 20;

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`the gateway process exited (${code})`)));
  });
}

async function measure(child: ChildProcess): Promise<GatewayMemory> {
  const answer = nextMessage<GatewayMemory>(child);
  child.send('measure');
  return answer;
}

export const gatewayCapacity: Benchmark = {
  id: 'gateway-capacity',
  title: 'Local gateway: memory of idle connections',
  async run({ quick }) {
    const connections = quick ? 500 : 10_000;
    const child = fork(GATEWAY_PROCESS, [], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    try {
      const { url, token } = await nextMessage<{ url: string; token: string }>(child);
      // Warm the paths a connection takes (authorizer, $connect, the socket code) before the baseline.
      await closeSockets(await openSockets(`${url}?token=${encodeURIComponent(token)}`, 50));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const before = await measure(child);
      const opened = Date.now();
      const sockets = await openSockets(`${url}?token=${encodeURIComponent(token)}`, connections);
      const openSeconds = (Date.now() - opened) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const after = await measure(child);
      await closeSockets(sockets);
      const perConnection = (key: keyof GatewayMemory) => (after[key] - before[key]) / connections;
      return {
        id: 'gateway-capacity',
        title: 'Local gateway: memory of idle connections',
        figures: [
          {
            name: `${connections.toLocaleString('en')} idle authorized connections: gateway process memory`,
            value:
              `+${fixed((after.rssBytes - before.rssBytes) / MiB)} MiB RSS ` +
              `(${fixed(perConnection('rssBytes') / 1024, 1)} KiB each), ` +
              `+${fixed((after.heapUsedBytes - before.heapUsedBytes) / MiB)} MiB heap ` +
              `(${fixed(perConnection('heapUsedBytes') / 1024, 1)} KiB each)`,
            baseline: `before: ${fixed(before.rssBytes / MiB)} MiB RSS, ${fixed(before.heapUsedBytes / MiB)} MiB heap`,
            target: '',
            verdict: 'info',
          },
        ],
        tables: [
          {
            columns: ['', 'RSS MiB', 'heap used MiB', 'external MiB'],
            rows: [
              [
                'before (after warm-up, GC)',
                fixed(before.rssBytes / MiB),
                fixed(before.heapUsedBytes / MiB),
                fixed(before.externalBytes / MiB),
              ],
              [
                `with ${connections} idle connections (GC)`,
                fixed(after.rssBytes / MiB),
                fixed(after.heapUsedBytes / MiB),
                fixed(after.externalBytes / MiB),
              ],
              [
                'per connection (KiB)',
                fixed(perConnection('rssBytes') / 1024, 2),
                fixed(perConnection('heapUsedBytes') / 1024, 2),
                fixed(perConnection('externalBytes') / 1024, 2),
              ],
            ],
          },
        ],
        notes: [
          `The local doorbell (gateway, handlers, in-memory stores) runs in a child process; the parent opens ${connections} WebSockets ` +
            `to it with a resident token, 100 handshakes at a time (${fixed(openSeconds)} s in all: each goes through the authorizer ` +
            'and $connect, which stores the connection), and leaves them idle. The ' +
            'child reports `process.memoryUsage()` after a forced GC before and ' +
            "after; the difference per connection includes the socket, its WebSocket state, the gateway's bookkeeping and the stored " +
            'connection record.',
        ],
        data: { connections, before, after, openSeconds },
      };
    } finally {
      child.disconnect();
    }
  },
};
