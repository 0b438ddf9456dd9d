import { DEFAULT_RING_SETTINGS } from '../../application/settings';
import type { Benchmark, Figure } from '../section';
import { verdict } from '../section';
import { seededRandom } from '../support/seeded-random';
import { fixed } from '../stats';
import { startFanOutStack } from './fan-out-stack';

// API Gateway's own PostToConnection takes tens of ms; 20 ms is the top of the range the issue asks for.
const DELAY_MS = 20;
const THROTTLE_RATE = 0.05;
const TARGET_EFFICIENCY = 0.8;

interface Run {
  readonly connections: number;
  readonly mode: 'sequential' | 'bounded' | 'unbounded';
  readonly concurrency: number;
  readonly elapsedMs: number;
  /** connections × delay / concurrency: the fastest the limit allows. */
  readonly boundMs: number;
  readonly delivered: number;
  readonly failed: number;
  /** Sockets that received the ring exactly once / not at all / more than once. */
  readonly exactlyOnce: number;
  readonly missing: number;
  readonly duplicated: number;
}

export const fanOut: Benchmark = {
  id: 'fan-out',
  title: 'Announce fan-out through the local gateway',
  async run({ quick }) {
    const sizes = quick ? [200] : [1000, 5000];
    const runs: Run[] = [];
    for (const connections of sizes) {
      const stack = await startFanOutStack(connections, { delayMs: DELAY_MS, throttleRate: THROTTLE_RATE, random: seededRandom(connections) });
      try {
        const modes = [
          ['bounded', DEFAULT_RING_SETTINGS.pushConcurrency],
          ['sequential', 1],
          ['unbounded', connections],
        ] as const;
        for (const [mode, concurrency] of modes) {
          const { elapsedMs, result, perSocket } = await stack.announce(concurrency);
          if (result.kind !== 'announced') throw new Error(`announce skipped: ${result.reason}`);
          runs.push({
            connections,
            mode,
            concurrency,
            elapsedMs,
            boundMs: (connections * DELAY_MS) / concurrency,
            delivered: result.delivered.length,
            failed: result.failed.length,
            exactlyOnce: perSocket.filter((count) => count === 1).length,
            missing: perSocket.filter((count) => count === 0).length,
            duplicated: perSocket.filter((count) => count > 1).length,
          });
        }
      } finally {
        await stack.stop();
      }
    }
    const figures: Figure[] = runs
      .filter((run) => run.mode === 'bounded')
      .map((run) => {
        const efficiency = run.boundMs / run.elapsedMs;
        const baselines = runs.filter((other) => other.connections === run.connections && other !== run);
        const lost = run.connections - run.exactlyOnce;
        const sequential = baselines.find((other) => other.mode === 'sequential');
        // Sequential time beyond the delays: what one post costs this process (SDK, gateway, client) on this machine.
        const costPerPostMs = sequential ? sequential.elapsedMs / run.connections - DELAY_MS : 0;
        return {
          name: `${run.connections} connections, concurrency ${run.concurrency}: share of the bound reached`,
          value: `${fixed(efficiency * 100, 0)} % (${fixed(run.elapsedMs, 0)} ms vs ${fixed(run.boundMs, 0)} ms); ${lost === 0 ? 'every device exactly once' : `${lost} devices not exactly once`}`,
          baseline:
            baselines.map((other) => `${other.mode} ${fixed(other.elapsedMs, 0)} ms`).join(', ') +
            `; each post costs ${fixed(costPerPostMs, 2)} ms of this process beyond its delay, a floor of ${fixed(costPerPostMs * run.connections, 0)} ms at any concurrency`,
          target: `≥ ${TARGET_EFFICIENCY * 100} %, nothing lost`,
          verdict: verdict(efficiency >= TARGET_EFFICIENCY && lost === 0 && run.failed === 0),
        };
      });
    return {
      id: 'fan-out',
      title: 'Announce fan-out through the local gateway',
      figures,
      tables: [
        {
          columns: ['connections', 'mode', 'concurrency', 'elapsed ms', 'bound ms', 'share of bound', 'delivered', 'failed', 'exactly once', 'missing', 'duplicated'],
          rows: runs.map((run) => [
            String(run.connections),
            run.mode,
            String(run.concurrency),
            fixed(run.elapsedMs, 0),
            fixed(run.boundMs, 0),
            `${fixed((run.boundMs / run.elapsedMs) * 100, 0)} %`,
            String(run.delivered),
            String(run.failed),
            String(run.exactlyOnce),
            String(run.missing),
            String(run.duplicated),
          ]),
        },
      ],
      notes: [
        `The Announce use case pushes one ring to every connection of a household through \`ApiGatewayDeviceNotifier\` and the ` +
          `real \`@aws-sdk/client-apigatewaymanagementapi\` client, to the local gateway's \`@connections\` API, which delivers ` +
          `each post to a real WebSocket client. The gateway's injected faults (\`postFaults\`) make every post wait ${DELAY_MS} ms ` +
          `and answer ${THROTTLE_RATE * 100} % of them with 429 LimitExceededException (seeded, so repeatable); the notifier retries those ` +
          'with exponential backoff and full jitter (50 ms base, 4 attempts). Connections are opened through the handshake, the ' +
          '$connect handler storing them, as the local doorbell does.',
        `The bound is connections × ${DELAY_MS} ms / concurrency: the time the concurrency limit allows if each post cost ` +
          'only its delay. Baselines in the same run: sequential (concurrency 1) and unbounded (concurrency = connections). ' +
          "\"Unbounded\" is still capped by the SDK's HTTP agent, which keeps at most 50 sockets to an endpoint, so its bound is " +
          'not reachable; it is shown to prove that the bounded default loses little against it. Each device counts the ring ' +
          'frames it receives: "exactly once" is every socket that got this ring once; clients, gateway and SDK share one process ' +
          'and the two cores. The cost of a post beyond its delay (from the sequential run) sets a second floor that no ' +
          'concurrency removes: when it exceeds the bound, the share reached measures this machine, not the concurrency limit.',
      ],
      data: { delayMs: DELAY_MS, throttleRate: THROTTLE_RATE, runs },
    };
  },
};
