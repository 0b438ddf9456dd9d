/**
 * The far side of the push fan-out benchmark, in a process of its own as a push service is another machine: a
 * loopback HTTP server that answers every push 201 after `delayMs` (the injected latency), and counts the pushes
 * each subscription path received. Speaks to the benchmark over IPC. Run with `node --import tsx`.
 * Arguments: delay ms.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PushEndpointMessage = { readonly kind: 'count' } | { readonly kind: 'reset' } | { readonly kind: 'stop' };
export type PushEndpointReply =
  | { readonly kind: 'ready'; readonly origin: string; readonly cpuMicros: number }
  | { readonly kind: 'counted'; readonly perPath: Record<string, number>; readonly cpuMicros: number };

const delayMs = Number(process.argv[2]);
let perPath = new Map<string, number>();
const cpuMicros = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

const server = createServer((request, response) => {
  request.resume();
  request.once('end', () => {
    const path = request.url ?? '/';
    perPath.set(path, (perPath.get(path) ?? 0) + 1);
    setTimeout(() => response.writeHead(201).end(), delayMs);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.send?.({ kind: 'ready', origin, cpuMicros: cpuMicros() } satisfies PushEndpointReply);
});

process.on('message', (message: PushEndpointMessage) => {
  if (message.kind === 'count' || message.kind === 'reset') {
    process.send?.({ kind: 'counted', perPath: Object.fromEntries(perPath), cpuMicros: cpuMicros() } satisfies PushEndpointReply);
    // `reset` answers too, so that the benchmark starts pushing only once the counts are cleared.
    if (message.kind === 'reset') perPath = new Map();
  } else {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
